package org.peerbridge.mapping.outcome;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.OwnCodeSystems;

/**
 * The PeerBridge code systems used by outcome questionnaires and score Observations, as R4 CodeSystem
 * resources for the server to publish and for validators to know. They are built from the Java
 * definitions (and, for answers, from the Questionnaires), so code and published content cannot drift.
 */
public final class OutcomeCodeSystems {

    public static final String VERSION = "1.0.0";

    private OutcomeCodeSystems() {
    }

    /** Severity bands of every instrument ({@link ScoreBand}). */
    public static CodeSystem scoreBands() {
        return OwnCodeSystems.codeSystem(CodeSystems.SCORE_BAND, VERSION, "PeerBridgeScoreBand", "PeerBridge outcome score bands",
                "Severity bands of PeerBridge outcome instrument scores (PHQ-9, PHQ-2, GAD-7, UCLA-3, WHO-5), used as "
                        + "Observation.interpretation. Bounds are on the raw total; see docs/outcomes.md.",
                OwnCodeSystems.concepts(ScoreBand.class));
    }

    /** Assessment time points ({@link TimePoint}). */
    public static CodeSystem timePoints() {
        return OwnCodeSystems.codeSystem(CodeSystems.ASSESSMENT_TIME_POINT, VERSION, "PeerBridgeAssessmentTimePoint",
                "PeerBridge assessment time points",
                "When an outcome assessment was made relative to the baseline assessment of the same instrument "
                        + "for the same referral; follow-ups within " + AssessmentSchedule.WINDOW_DAYS + " days either side.",
                OwnCodeSystems.concepts(TimePoint.class));
    }

    /** Answer codes the Questionnaires take from the PeerBridge outcome-answer system (UCLA-3, WHO-5). */
    public static CodeSystem answers(Collection<Questionnaire> questionnaires) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Questionnaire questionnaire : questionnaires) {
            collectAnswers(questionnaire.getItem(), answers);
        }
        return OwnCodeSystems.codeSystem(CodeSystems.OUTCOME_ANSWER, VERSION, "PeerBridgeOutcomeAnswer",
                "PeerBridge outcome questionnaire answers",
                "Answers to outcome questionnaire items for which no LOINC answer code could be verified. "
                        + "Scores are carried by the Questionnaires (ordinalValue), not by these codes.",
                answers.entrySet().stream().map(answer -> OwnCodeSystems.concept(answer.getKey(), answer.getValue(), answer.getValue())).toList());
    }

    private static void collectAnswers(Iterable<QuestionnaireItemComponent> items, Map<String, String> into) {
        for (QuestionnaireItemComponent item : items) {
            item.getAnswerOption().stream()
                    .filter(o -> o.hasValueCoding() && CodeSystems.OUTCOME_ANSWER.equals(o.getValueCoding().getSystem()))
                    .map(o -> (Coding) o.getValue())
                    .forEach(c -> into.putIfAbsent(c.getCode(), c.getDisplay()));
            collectAnswers(item.getItem(), into);
        }
    }
}
