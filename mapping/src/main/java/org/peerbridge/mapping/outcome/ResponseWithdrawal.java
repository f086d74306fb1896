package org.peerbridge.mapping.outcome;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Withdrawing a response recorded by mistake (for example on the wrong referral): the stored response
 * sent back with status {@code entered-in-error} and nothing else changed. Its score is then marked
 * entered-in-error too ({@link ScoreObservationFactory#withdrawn}); its history keeps what was said. A
 * withdrawn response stays withdrawn: a correction is a new response.
 */
public final class ResponseWithdrawal {

    private ResponseWithdrawal() {
    }

    public static boolean isWithdrawal(QuestionnaireResponse response) {
        return response.getStatus() == QuestionnaireResponseStatus.ENTEREDINERROR;
    }

    /** Violations of a change from {@code before} (as stored) to {@code after}, when either is withdrawn. */
    public static List<RuleViolation> check(QuestionnaireResponse before, QuestionnaireResponse after) {
        if (isWithdrawal(before)) {
            return List.of(RuleViolation.conflict("QuestionnaireResponse.status",
                    "This response was withdrawn (entered-in-error) and stays so; record a new response instead"));
        }
        if (!withoutStatus(before).equalsDeep(withoutStatus(after))) {
            return List.of(RuleViolation.invalid(IssueType.BUSINESSRULE,
                    "QuestionnaireResponse", "A withdrawal sends the response back as stored with only its status changed"
                            + " to entered-in-error; to change answers, amend it (status amended) instead"));
        }
        return List.of();
    }

    /** The content that must not change: everything but id, meta, narrative and status. */
    private static QuestionnaireResponse withoutStatus(QuestionnaireResponse response) {
        QuestionnaireResponse copy = response.copy();
        copy.setIdElement(null);
        copy.setMeta(null);
        copy.setText(null);
        copy.setStatus(null);
        return copy;
    }
}
