package org.peerbridge.mapping.outcome;

import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Either a score, or the reasons the response cannot be scored (one per unanswered or unusable item),
 * never both.
 */
public record ScoringResult(Optional<Score> score, List<RuleViolation> refusals) {

    public ScoringResult {
        refusals = List.copyOf(refusals);
        if (score.isPresent() == !refusals.isEmpty()) {
            throw new IllegalArgumentException("A scoring result is either a score or refusals");
        }
    }

    static ScoringResult scored(Score score) {
        return new ScoringResult(Optional.of(score), List.of());
    }

    static ScoringResult refused(List<RuleViolation> refusals) {
        return new ScoringResult(Optional.empty(), refusals);
    }

    public boolean isScored() {
        return score.isPresent();
    }
}
