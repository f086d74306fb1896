package org.peerbridge.mapping.outcome;

import static org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ONHOLD;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.referral.OpenReferral;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * A response's tie to its referral, once the server has found the ServiceRequest named in basedOn and
 * that referral's fulfilment Task: the response is about the referral's patient (an EHR must never see
 * one person's answers on another's referral), and the program has accepted the referral.
 */
public final class ResponseReferral {

    /**
     * Task statuses in which outcomes are recorded: from acceptance on. Completed is included because the
     * 60- and 90-day follow-ups often come after the last session.
     */
    public static final Set<TaskStatus> OPEN_FOR_RESPONSES = EnumSet.of(ACCEPTED, INPROGRESS, ONHOLD, COMPLETED);

    private ResponseReferral() {
    }

    /**
     * @param basedOnPath where the referral is named, e.g. {@code QuestionnaireResponse.basedOn[0]}
     * @param referral the stored ServiceRequest it names
     * @param fulfilmentTask that referral's fulfilment Task; null when it has none (yet)
     */
    public static List<RuleViolation> check(QuestionnaireResponse response, String basedOnPath, ServiceRequest referral,
            Task fulfilmentTask) {
        List<RuleViolation> violations = new ArrayList<>();
        String patient = referral.getSubject().getReference();
        if (response.hasSubject() && patient != null && !patient.equals(response.getSubject().getReference())) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "QuestionnaireResponse.subject",
                    "The subject must be the referral's patient, " + patient));
        }
        OpenReferral.check(fulfilmentTask, OPEN_FOR_RESPONSES, "outcomes", basedOnPath).ifPresent(violations::add);
        return violations;
    }
}
