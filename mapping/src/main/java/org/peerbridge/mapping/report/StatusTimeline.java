package org.peerbridge.mapping.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * The dates of a referral's course: when it was referred (ServiceRequest.authoredOn) and when its Task
 * first took each status (from the Task's versions: lastModified, else the version's lastUpdated), except
 * "Started", which is the day of the first attended session: a session recorded days after it was held
 * started the course on the day it was held, not on the day it was recorded.
 */
public final class StatusTimeline {

    /** One step of the course: a label for people, the Task status (null for the referral itself) and when. */
    public record Step(String label, TaskStatus status, Date when) {
    }

    private StatusTimeline() {
    }

    /**
     * @param taskVersions         the Task's versions, oldest first
     * @param firstAttendedSession the day of the first attended session, if any
     */
    public static List<Step> of(ServiceRequest referral, List<Task> taskVersions, Optional<LocalDate> firstAttendedSession) {
        List<Step> steps = new ArrayList<>();
        if (referral.hasAuthoredOn()) {
            steps.add(new Step("Referred", null, referral.getAuthoredOn()));
        }
        List<TaskStatus> seen = new ArrayList<>();
        for (Task version : taskVersions) {
            TaskStatus status = version.getStatus();
            if (status == null || seen.contains(status)) {
                continue;
            }
            seen.add(status);
            Date when = version.hasLastModified() ? version.getLastModified() : version.getMeta().getLastUpdated();
            if (status == TaskStatus.INPROGRESS && firstAttendedSession.isPresent()) {
                when = Date.from(firstAttendedSession.get().atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            Date at = when;
            label(status).ifPresent(l -> steps.add(new Step(l, status, at)));
        }
        return steps;
    }

    private static Optional<String> label(TaskStatus status) {
        return Optional.ofNullable(switch (status) {
            case REQUESTED -> null; // the same moment as "Referred"
            case ACCEPTED -> "Accepted by the program";
            case INPROGRESS -> "Started (first attended session)";
            case ONHOLD -> "Put on hold";
            case COMPLETED -> "Completed";
            case REJECTED -> "Declined by the program";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Ended without completion (failed)";
            case ENTEREDINERROR -> "Entered in error";
            default -> status.getDisplay();
        });
    }
}
