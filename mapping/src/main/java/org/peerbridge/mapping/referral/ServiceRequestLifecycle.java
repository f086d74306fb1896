package org.peerbridge.mapping.referral;

import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.COMPLETED;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.DRAFT;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ONHOLD;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.REVOKED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * The referrer's side of a referral. ServiceRequest.status belongs to the referrer while the referral is
 * open; when the program closes the Task, the server brings the ServiceRequest to the matching final
 * status so both read the same.
 */
public final class ServiceRequestLifecycle {

    private static final Map<ServiceRequestStatus, Set<ServiceRequestStatus>> NEXT = new EnumMap<>(ServiceRequestStatus.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(ACTIVE, REVOKED, ENTEREDINERROR));
        NEXT.put(ACTIVE, EnumSet.of(ONHOLD, REVOKED, ENTEREDINERROR));
        NEXT.put(ONHOLD, EnumSet.of(ACTIVE, REVOKED, ENTEREDINERROR));
    }

    private ServiceRequestLifecycle() {
    }

    /** Rules for a referrer's update of its ServiceRequest. */
    public static List<RuleViolation> checkChange(ServiceRequest before, ServiceRequest after) {
        List<RuleViolation> violations = new ArrayList<>();
        ServiceRequestStatus from = before.getStatus();
        ServiceRequestStatus to = after.getStatus();
        if (from != to && !NEXT.getOrDefault(from, Set.of()).contains(to)) {
            violations.add(RuleViolation.conflict("ServiceRequest.status", "A referral cannot move from '"
                    + from.toCode() + "' to '" + to.toCode() + "'"
                    + (to == COMPLETED ? "; it completes when the program completes its Task" : "")));
        }
        if (!Objects.equals(before.getSubject().getReference(), after.getSubject().getReference())) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "ServiceRequest.subject",
                    "The referred patient cannot change; revoke this referral and send a new one"));
        }
        return violations;
    }

    /**
     * Rules for the version the server writes when the program closes the Task: an open referral takes the
     * final status the Task implies ({@link #statusForTask}); nothing else changes.
     */
    public static List<RuleViolation> checkFollowingTask(ServiceRequest before, ServiceRequest after) {
        boolean implied = EnumSet.of(COMPLETED, REVOKED, ENTEREDINERROR).contains(after.getStatus());
        if (NEXT.containsKey(before.getStatus()) && implied && before.getSubject().equalsDeep(after.getSubject())) {
            return List.of();
        }
        return List.of(RuleViolation.conflict("ServiceRequest.status", "The referral cannot follow its Task from '"
                + before.getStatus().toCode() + "' to '" + after.getStatus().toCode() + "'"));
    }

    /** The ServiceRequest status that a Task status implies, if it implies one. */
    public static Optional<ServiceRequestStatus> statusForTask(TaskStatus taskStatus) {
        return switch (taskStatus) {
            case COMPLETED -> Optional.of(COMPLETED);
            case REJECTED, CANCELLED, FAILED -> Optional.of(REVOKED);
            case ENTEREDINERROR -> Optional.of(ENTEREDINERROR);
            default -> Optional.empty();
        };
    }

    /** The Task status a referrer's ServiceRequest status implies for a still open Task, if any. */
    public static Optional<TaskStatus> taskStatusFor(ServiceRequestStatus requestStatus) {
        return switch (requestStatus) {
            case REVOKED -> Optional.of(TaskStatus.CANCELLED);
            case ENTEREDINERROR -> Optional.of(TaskStatus.ENTEREDINERROR);
            default -> Optional.empty();
        };
    }
}
