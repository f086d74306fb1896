package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Everything the domain says about one incoming QuestionnaireResponse, in one call: which
 * questionnaire, what is wrong with it, its score, the response as it should be stored (total filled
 * in), and the safety signal. The server still decides the time point (it needs stored data) and
 * builds the Observation once the response has its id.
 */
public final class ResponseEvaluation {

    /**
     * @param scheme the instrument's scoring scheme; empty if the questionnaire is not in the catalogue
     * @param violations every problem, in order: questionnaire, envelope, items, referral context, scoring, total
     * @param score present when there are no violations
     * @param toStore the response with its total item filled in; present when there are no violations
     * @param safetySignal computed whatever the violations, so a refused response can still alert someone
     */
    public record Evaluation(Optional<ScoringScheme> scheme, List<RuleViolation> violations, Optional<Score> score,
            Optional<QuestionnaireResponse> toStore, Optional<SafetySignal> safetySignal) {

        public Evaluation {
            violations = List.copyOf(violations);
        }

        public boolean accepted() {
            return violations.isEmpty();
        }
    }

    private ResponseEvaluation() {
    }

    public static Evaluation evaluate(QuestionnaireCatalogue catalogue, QuestionnaireResponse response) {
        Optional<Questionnaire> questionnaire = catalogue.find(response.getQuestionnaire());
        Optional<ScoringScheme> scheme = catalogue.scheme(response.getQuestionnaire());
        List<RuleViolation> violations = new ArrayList<>();
        if (questionnaire.isEmpty() || scheme.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.NOTFOUND, "QuestionnaireResponse.questionnaire",
                    "'" + response.getQuestionnaire() + "' is not one of the outcome questionnaires this server holds"));
            violations.addAll(ResponseChecker.checkReferralContext(response));
            return new Evaluation(Optional.empty(), violations, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<SafetySignal> signal = SafetyScreen.selfHarmSignal(scheme.get(), response);
        violations.addAll(ResponseChecker.check(questionnaire.get(), response));
        violations.addAll(ResponseChecker.checkReferralContext(response));
        if (!violations.isEmpty()) {
            // Scoring an invalid response would only repeat its problems in other words.
            return new Evaluation(scheme, violations, Optional.empty(), Optional.empty(), signal);
        }
        ScoringResult scoring = Scorer.score(scheme.get(), response);
        if (!scoring.isScored()) {
            return new Evaluation(scheme, scoring.refusals(), Optional.empty(), Optional.empty(), signal);
        }
        Score score = scoring.score().orElseThrow();
        Optional<RuleViolation> contradiction = TotalItem.contradiction(scheme.get(), response, score);
        if (contradiction.isPresent()) {
            return new Evaluation(scheme, List.of(contradiction.get()), Optional.empty(), Optional.empty(), signal);
        }
        return new Evaluation(scheme, List.of(), Optional.of(score),
                Optional.of(TotalItem.withTotal(scheme.get(), response, score)), signal);
    }
}
