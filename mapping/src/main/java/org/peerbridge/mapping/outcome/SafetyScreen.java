package org.peerbridge.mapping.outcome;

import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Finds the one answer PeerBridge must never let go unseen: PHQ-9 item 9 ("thoughts that you would be
 * better off dead, or of hurting yourself"), LOINC 44260-8, answered above 0 ("Not at all"). PeerBridge
 * alerts humans; it does not assess risk, so nothing else is looked at or inferred.
 *
 * <p>Works on any response, checked or not, so that the sender of a refused response can be warned
 * ({@link #notStoredWarning}). An answer that matches none of the item's options raises nothing; such a response fails
 * {@link ResponseChecker} and is not stored.
 */
public final class SafetyScreen {

    /** LOINC code and linkId of PHQ-9 item 9. */
    public static final String SELF_HARM_ITEM = "44260-8";

    private SafetyScreen() {
    }

    /**
     * What the sender of a refused response that carries a signal must be told: it was not stored, so no
     * alert was raised. A warning issue next to the errors that refused it.
     */
    public static RuleViolation notStoredWarning(SafetySignal signal) {
        return RuleViolation.warning(IssueType.INFORMATIONAL, ResponseItems.absentTopLevel(signal.linkId()),
                "This response reports a possible risk of self-harm (PHQ-9 item 9 above 'Not at all'). It was NOT stored"
                        + " and NO alert was raised: correct it and send it again now, and follow your safety procedure.");
    }

    /** The signal, if {@code scheme} is the PHQ-9 and any answer to item 9 scores above 0. */
    public static Optional<SafetySignal> selfHarmSignal(ScoringScheme scheme, QuestionnaireResponse response) {
        if (scheme.instrument() != Instrument.PHQ_9) {
            return Optional.empty();
        }
        AnswerScores item9 = scheme.scoredItem(SELF_HARM_ITEM).orElseThrow(
                () -> new IllegalStateException("The PHQ-9 questionnaire has no item " + SELF_HARM_ITEM));
        // Every occurrence and every answer: a repeated item or a second answer is invalid, but must not hide a signal.
        return ResponseItems.all(response).stream()
                .filter(l -> SELF_HARM_ITEM.equals(l.item().getLinkId()))
                .flatMap(l -> l.item().getAnswer().stream())
                .map(QuestionnaireResponseItemAnswerComponent::getValue)
                .map(item9::scoreOf)
                .flatMap(Optional::stream)
                .filter(score -> score > 0)
                .max(Integer::compare)
                .map(score -> new SafetySignal(SELF_HARM_ITEM, score));
    }
}
