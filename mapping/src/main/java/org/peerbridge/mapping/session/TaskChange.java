package org.peerbridge.mapping.session;

import java.util.Date;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.referral.BusinessStatus;

/**
 * What a session does to the referral's fulfilment Task: the status and business status it ends with.
 *
 * @param status         the Task status after the change (the same as before when only the business status moves)
 * @param businessStatus the BSeR business status after the change; null when it stays as it is (it already
 *                       reads so, or it carries a code outside BSeR that a session must not overwrite)
 */
public record TaskChange(TaskStatus status, BusinessStatus businessStatus) {

    /** A new Task version: a copy of {@code current} with this change, stamped {@code lastModified = now}. */
    public Task applyTo(Task current, Date now) {
        Task next = current.copy();
        next.setStatus(status);
        if (businessStatus != null) {
            next.setBusinessStatus(businessStatus.toCodeableConcept());
        }
        next.setLastModified(now);
        return next;
    }
}
