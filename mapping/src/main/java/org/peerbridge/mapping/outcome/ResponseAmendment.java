package org.peerbridge.mapping.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * A change to a stored response that is not a withdrawal ({@link ResponseWithdrawal}) is an amendment: it
 * changes the answers of the same form for the same referral and patient, and says so with status
 * {@code amended}.
 */
public final class ResponseAmendment {

    private ResponseAmendment() {
    }

    public static List<RuleViolation> check(QuestionnaireResponse before, QuestionnaireResponse after) {
        List<RuleViolation> violations = new ArrayList<>();
        if (after.getStatus() != QuestionnaireResponseStatus.AMENDED) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "QuestionnaireResponse.status",
                    "A change to a stored response is an amendment: its status must be 'amended'"));
        }
        if (!before.getQuestionnaire().equals(after.getQuestionnaire())) {
            violations.add(RuleViolation.conflict("QuestionnaireResponse.questionnaire",
                    "An amendment answers the same Questionnaire, " + before.getQuestionnaire()));
        }
        if (!sameReferralAndSubject(before, after)) {
            violations.add(RuleViolation.conflict("QuestionnaireResponse.basedOn",
                    "An amendment keeps the referral (basedOn) and subject of the response it amends"));
        }
        return violations;
    }

    private static boolean sameReferralAndSubject(QuestionnaireResponse before, QuestionnaireResponse after) {
        return Objects.equals(firstBasedOn(before), firstBasedOn(after))
                && Objects.equals(before.getSubject().getReference(), after.getSubject().getReference());
    }

    private static String firstBasedOn(QuestionnaireResponse response) {
        return response.getBasedOn().stream().map(Reference::getReference).findFirst().orElse(null);
    }
}
