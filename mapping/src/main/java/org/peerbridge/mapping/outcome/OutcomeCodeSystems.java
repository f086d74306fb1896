package org.peerbridge.mapping.outcome;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.peerbridge.mapping.codes.CodeSystems;

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
        CodeSystem codeSystem = base(CodeSystems.SCORE_BAND, "score-band", "PeerBridgeScoreBand",
                "PeerBridge outcome score bands",
                "Severity bands of PeerBridge outcome instrument scores (PHQ-9, PHQ-2, GAD-7, UCLA-3, WHO-5), used as "
                        + "Observation.interpretation. Bounds are on the raw total; see docs/outcomes.md.");
        for (ScoreBand band : ScoreBand.values()) {
            codeSystem.addConcept().setCode(band.code()).setDisplay(band.display())
                    .setDefinition(band.display() + ": raw total " + band.lowest() + " to " + band.highest() + ".");
        }
        return codeSystem;
    }

    /** Assessment time points ({@link TimePoint}). */
    public static CodeSystem timePoints() {
        CodeSystem codeSystem = base(CodeSystems.ASSESSMENT_TIME_POINT, "assessment-time-point",
                "PeerBridgeAssessmentTimePoint", "PeerBridge assessment time points",
                "When an outcome assessment was made relative to the baseline assessment of the same instrument "
                        + "for the same referral; follow-ups within " + AssessmentSchedule.WINDOW_DAYS + " days either side.");
        for (TimePoint timePoint : TimePoint.values()) {
            codeSystem.addConcept().setCode(timePoint.code()).setDisplay(timePoint.display());
        }
        return codeSystem;
    }

    /** Answer codes the Questionnaires take from the PeerBridge outcome-answer system (UCLA-3, WHO-5). */
    public static CodeSystem answers(Collection<Questionnaire> questionnaires) {
        CodeSystem codeSystem = base(CodeSystems.OUTCOME_ANSWER, "outcome-answer", "PeerBridgeOutcomeAnswer",
                "PeerBridge outcome questionnaire answers",
                "Answers to outcome questionnaire items for which no LOINC answer code could be verified. "
                        + "Scores are carried by the Questionnaires (ordinalValue), not by these codes.");
        Map<String, String> concepts = new LinkedHashMap<>();
        for (Questionnaire questionnaire : questionnaires) {
            collectAnswers(questionnaire.getItem(), concepts);
        }
        concepts.forEach((code, display) -> codeSystem.addConcept().setCode(code).setDisplay(display));
        return codeSystem;
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

    private static CodeSystem base(String url, String id, String name, String title, String description) {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId(id);
        codeSystem.setUrl(url);
        codeSystem.setVersion(VERSION);
        codeSystem.setName(name);
        codeSystem.setTitle(title);
        codeSystem.setStatus(PublicationStatus.ACTIVE);
        codeSystem.setExperimental(false);
        codeSystem.setPublisher("PeerBridge");
        codeSystem.setDescription(description);
        codeSystem.setCaseSensitive(true);
        codeSystem.setContent(CodeSystemContentMode.COMPLETE);
        return codeSystem;
    }
}
