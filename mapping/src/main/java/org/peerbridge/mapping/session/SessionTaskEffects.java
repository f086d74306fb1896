package org.peerbridge.mapping.session;

import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.referral.TaskStateMachine;

/**
 * What a session does to its referral's fulfilment Task (issue 3, BSeR business statuses):
 *
 * <table>
 * <tr><th>session</th><th>Task status</th><th>businessStatus</th></tr>
 * <tr><td>planned</td><td>unchanged</td><td>5.1.1 Event Scheduled</td></tr>
 * <tr><td>arrived / in-progress</td><td>unchanged</td><td>unchanged</td></tr>
 * <tr><td>attended (finished)</td><td>accepted → in-progress; otherwise unchanged</td><td>5.1.4 Event Completed</td></tr>
 * <tr><td>no-show</td><td>unchanged</td><td>5.1.2 Unattended</td></tr>
 * <tr><td>cancelled</td><td>unchanged</td><td>5.1.3 Event Cancelled</td></tr>
 * <tr><td>entered-in-error</td><td>unchanged (its Procedure leaves Task.output)</td><td>unchanged</td></tr>
 * </table>
 *
 * Nothing changes (empty) when the Task already reads that way, so the server writes no needless version;
 * when the Task is closed (not accepted, in-progress or on-hold); and the business status is left alone
 * when it carries a code outside BSeR (e.g. the product's safety follow-up), which a session must never hide.
 * An on-hold Task stays on hold: resuming it is the coordinator's decision, with its statusReason.
 */
public final class SessionTaskEffects {

    private SessionTaskEffects() {
    }

    /** The change a session of this kind makes to the Task, or empty when it makes none. */
    public static Optional<TaskChange> forSession(Task task, SessionKind kind) {
        TaskStatus current = task.getStatus();
        if (!ReferralLink.OPEN_FOR_SESSIONS.contains(current)) {
            return Optional.empty();
        }
        Optional<BusinessStatus> event = businessStatusFor(kind);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        TaskStatus status = kind == SessionKind.ATTENDED && current == TaskStatus.ACCEPTED
                && TaskStateMachine.allowedAfter(current).contains(TaskStatus.INPROGRESS) ? TaskStatus.INPROGRESS : current;
        boolean newBusinessStatus = mayReplaceBusinessStatus(task) && !reads(task, event.get());
        if (status == current && !newBusinessStatus) {
            return Optional.empty();
        }
        return Optional.of(new TaskChange(status, newBusinessStatus ? event.get() : null));
    }

    /**
     * The new Task version for a session: its {@link #forSession change}, plus the session's Procedure in
     * Task.output ({@link PerformedActivityOutput}) when given, or out of it when the session was a mistake
     * (the business status stays: it reported what was known then). Empty when nothing changes.
     *
     * @param procedureReference the session's Procedure ("Procedure/id"), or null
     */
    public static Optional<Task> updatedTask(Task current, SessionKind kind, String procedureReference, Date now) {
        Optional<TaskChange> change = forSession(current, kind);
        boolean listed = procedureReference != null && PerformedActivityOutput.has(current, procedureReference);
        boolean withdraws = kind == SessionKind.ENTERED_IN_ERROR && listed;
        boolean addsOutput = kind != SessionKind.ENTERED_IN_ERROR && procedureReference != null && !listed;
        if (change.isEmpty() && !addsOutput && !withdraws) {
            return Optional.empty();
        }
        Task next = change.map(c -> c.applyTo(current, now)).orElseGet(() -> {
            Task copy = current.copy();
            copy.setLastModified(now);
            return copy;
        });
        if (addsOutput) {
            PerformedActivityOutput.add(next, procedureReference);
        }
        if (withdraws) {
            PerformedActivityOutput.remove(next, procedureReference);
        }
        return Optional.of(next);
    }

    static Optional<BusinessStatus> businessStatusFor(SessionKind kind) {
        return Optional.ofNullable(switch (kind) {
            case PLANNED -> BusinessStatus.EVENT_SCHEDULED;
            case ATTENDED -> BusinessStatus.EVENT_COMPLETED;
            case NO_SHOW -> BusinessStatus.EVENT_UNATTENDED;
            case CANCELLED -> BusinessStatus.EVENT_CANCELLED;
            case UNDER_WAY, ENTERED_IN_ERROR -> null;
        });
    }

    private static boolean mayReplaceBusinessStatus(Task task) {
        return task.getBusinessStatus().getCoding().stream().allMatch(c -> BusinessStatus.SYSTEM.equals(c.getSystem()));
    }

    private static boolean reads(Task task, BusinessStatus businessStatus) {
        return task.getBusinessStatus().getCoding().stream()
                .anyMatch(c -> BusinessStatus.SYSTEM.equals(c.getSystem()) && businessStatus.code().equals(c.getCode()));
    }
}
