package org.peerbridge.mapping.referral;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/** Builds the fulfilment Task the server creates for a referral that arrives without one. */
public final class FulfilmentTask {

    public static final String TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code";
    public static final String FULFILL = "fulfill";

    private FulfilmentTask() {
    }

    public static Task forReferral(ServiceRequest referral, String referralReference, String programOrganization, Date now) {
        Task task = new Task();
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setCode(new CodeableConcept(new Coding(TASK_CODE_SYSTEM, FULFILL, "Fulfill the focal request")));
        task.setBusinessStatus(BusinessStatus.CREATED.toCodeableConcept());
        task.setFocus(new Reference(referralReference));
        task.setFor(referral.getSubject().copy());
        task.setRequester(referral.getRequester().copy());
        task.setOwner(new Reference(programOrganization));
        task.setAuthoredOn(now);
        task.setLastModified(now);
        if (referral.hasPriority()) {
            task.setPriority(Task.TaskPriority.fromCode(referral.getPriority().toCode()));
        }
        return task;
    }

    /** Whether a Task is a fulfilment Task (code task-code#fulfill); only those are tied to a referral one-to-one. */
    public static boolean isFulfilment(Task task) {
        return task.getCode().getCoding().stream()
                .anyMatch(c -> TASK_CODE_SYSTEM.equals(c.getSystem()) && FULFILL.equals(c.getCode()));
    }
}
