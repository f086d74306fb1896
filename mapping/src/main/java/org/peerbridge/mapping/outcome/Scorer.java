package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Scores a response by its instrument's published rules. Meant for a response that has passed
 * {@link ResponseChecker}; given anything else it refuses rather than guesses.
 *
 * <p>Partial answers (docs/outcomes.md): a required scored item must be answered. Up to
 * {@link Instrument#maxUnanswered()} optional scored items may be unanswered (PHQ-9 items 1-8 and
 * GAD-7: one); the total is then prorated as round-half-up(sum x items / answered). Anything more is
 * refused, with one violation at each unanswered item.
 */
public final class Scorer {

    private Scorer() {
    }

    public static ScoringResult score(ScoringScheme scheme, QuestionnaireResponse response) {
        Instrument instrument = scheme.instrument();
        List<RuleViolation> unusable = new ArrayList<>();
        List<Unanswered> unanswered = new ArrayList<>();
        int sum = 0;
        for (AnswerScores item : scheme.scoredItems()) {
            Optional<ResponseItems.Located> found = ResponseItems.first(response, item.linkId());
            if (found.isEmpty() || !found.get().isAnswered()) {
                String where = found.map(ResponseItems.Located::path)
                        .orElseGet(() -> ResponseItems.absentTopLevel(item.linkId()));
                unanswered.add(new Unanswered(item, where));
                continue;
            }
            int index = firstValueIndex(found.get());
            QuestionnaireResponseItemAnswerComponent answer = found.get().item().getAnswer().get(index);
            Optional<Integer> score = item.scoreOf(answer.getValue());
            if (score.isEmpty()) {
                unusable.add(RuleViolation.invalid(IssueType.CODEINVALID, found.get().answerValuePath(index),
                        "Cannot score item " + item.linkId() + ": the answer is not one of its answer options"));
                continue;
            }
            sum += score.get();
        }
        List<RuleViolation> refusals = new ArrayList<>(unusable);
        refusals.addAll(refuseUnanswered(instrument, unanswered));
        if (!refusals.isEmpty()) {
            return ScoringResult.refused(refusals);
        }
        int items = scheme.scoredItems().size();
        int answered = items - unanswered.size();
        int raw = answered == items ? sum : prorate(sum, items, answered);
        return ScoringResult.scored(new Score(instrument, raw, raw * instrument.multiplier(), instrument.band(raw),
                answered < items, answered, items));
    }

    /**
     * sum x items / answered, rounded half up, in integer arithmetic so that e.g. 4 x 9 / 8 = 4.5
     * always becomes 5. Public for generators of realistic partly answered forms (fixtures' synthetic cohort).
     */
    public static int prorate(int sum, int items, int answered) {
        return (2 * sum * items + answered) / (2 * answered);
    }

    private static List<RuleViolation> refuseUnanswered(Instrument instrument, List<Unanswered> unanswered) {
        List<RuleViolation> refusals = new ArrayList<>();
        List<Unanswered> optional = unanswered.stream().filter(u -> !u.item().required()).toList();
        for (Unanswered u : unanswered) {
            if (u.item().required()) {
                refusals.add(RuleViolation.invalid(IssueType.REQUIRED, u.where(), "Item " + u.item().linkId()
                        + " must be answered to score the " + instrument.label() + "; it is never prorated"));
            }
        }
        if (optional.size() > instrument.maxUnanswered()) {
            String list = optional.stream().map(u -> u.item().linkId()).collect(Collectors.joining(", "));
            for (Unanswered u : optional) {
                refusals.add(RuleViolation.invalid(IssueType.REQUIRED, u.where(), "Item " + u.item().linkId()
                        + " is unanswered: the " + instrument.label() + " can be scored with at most "
                        + instrument.maxUnanswered() + " unanswered item(s), and " + optional.size() + " are (" + list + ")"));
            }
        }
        return refusals;
    }

    private static int firstValueIndex(ResponseItems.Located located) {
        List<QuestionnaireResponseItemAnswerComponent> answers = located.item().getAnswer();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).hasValue()) {
                return i;
            }
        }
        throw new IllegalStateException("isAnswered() said there is a value");
    }

    private record Unanswered(AnswerScores item, String where) {
    }
}
