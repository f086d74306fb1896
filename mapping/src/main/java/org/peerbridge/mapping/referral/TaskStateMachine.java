package org.peerbridge.mapping.referral;

import static org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.CANCELLED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.Task.TaskStatus.FAILED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ONHOLD;
import static org.hl7.fhir.r4.model.Task.TaskStatus.READY;
import static org.hl7.fhir.r4.model.Task.TaskStatus.RECEIVED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.REJECTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.REQUESTED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * The referral's fulfilment Task lifecycle (SDOH Clinical Care referral management, BSeR business
 * statuses): which status may follow which, what each move must carry, and what may never change.
 */
public final class TaskStateMachine {

    /** Open states a referral can still leave; the rest are final. */
    public static final Set<TaskStatus> OPEN = EnumSet.of(REQUESTED, ACCEPTED, INPROGRESS, ONHOLD);

    /** SDOHCC allows every R4 Task status except these two. */
    private static final Set<TaskStatus> NOT_USED = EnumSet.of(READY, RECEIVED);

    private static final Set<TaskStatus> NEEDS_REASON = EnumSet.of(REJECTED, CANCELLED, ONHOLD, FAILED);

    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = new EnumMap<>(TaskStatus.class);

    static {
        NEXT.put(REQUESTED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED, FAILED, ENTEREDINERROR));
        NEXT.put(ACCEPTED, EnumSet.of(INPROGRESS, CANCELLED, FAILED, ENTEREDINERROR));
        NEXT.put(INPROGRESS, EnumSet.of(ONHOLD, COMPLETED, CANCELLED, FAILED, ENTEREDINERROR));
        NEXT.put(ONHOLD, EnumSet.of(INPROGRESS, CANCELLED, FAILED, ENTEREDINERROR));
    }

    private TaskStateMachine() {
    }

    /** The statuses that may follow {@code from}; empty for a final state. */
    public static Set<TaskStatus> allowedAfter(TaskStatus from) {
        return NEXT.getOrDefault(from, EnumSet.noneOf(TaskStatus.class));
    }

    /** The business status a status change implies when the client did not set one itself. */
    public static java.util.Optional<BusinessStatus> businessStatusFor(TaskStatus status) {
        return java.util.Optional.ofNullable(switch (status) {
            case ACCEPTED -> BusinessStatus.ACCEPTED;
            case REJECTED -> BusinessStatus.DECLINED;
            case CANCELLED -> BusinessStatus.FULFILLMENT_CANCELLED;
            case COMPLETED -> BusinessStatus.FULFILLMENT_COMPLETED;
            default -> null;
        });
    }

    /** Rules for a Task as first stored: it starts requested (or already accepted by a program that creates it). */
    public static List<RuleViolation> checkNew(Task task) {
        List<RuleViolation> violations = new ArrayList<>(checkContent(task));
        if (task.hasStatus() && task.getStatus() != REQUESTED && task.getStatus() != ACCEPTED) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Task.status",
                    "A new referral Task starts as 'requested' (or 'accepted'), not '" + task.getStatus().toCode() + "'"));
        }
        return violations;
    }

    /** Rules for replacing {@code before} by {@code after}. */
    public static List<RuleViolation> checkChange(Task before, Task after) {
        List<RuleViolation> violations = new ArrayList<>();
        TaskStatus from = before.getStatus();
        TaskStatus to = after.getStatus();
        if (from != to && !allowedAfter(from).contains(to)) {
            violations.add(RuleViolation.conflict("Task.status", "A referral Task cannot move from '" + code(from)
                    + "' to '" + code(to) + "'; allowed next: " + describe(allowedAfter(from))));
        }
        violations.addAll(checkContent(after));
        requireUnchanged(violations, "Task.focus", before.getFocus().getReference(), after.getFocus().getReference());
        requireUnchanged(violations, "Task.for", before.getFor().getReference(), after.getFor().getReference());
        requireUnchanged(violations, "Task.intent", code(before.getIntent()), code(after.getIntent()));
        return violations;
    }

    private static List<RuleViolation> checkContent(Task task) {
        List<RuleViolation> violations = new ArrayList<>();
        if (task.hasStatus() && NOT_USED.contains(task.getStatus())) {
            violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Task.status",
                    "Referral Tasks do not use status '" + task.getStatus().toCode() + "'"));
        }
        if (task.hasStatus() && NEEDS_REASON.contains(task.getStatus())
                && !(task.hasStatusReason() && task.getStatusReason().hasText())) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Task.statusReason",
                    "Status '" + task.getStatus().toCode() + "' needs a statusReason with text saying why"));
        }
        for (int i = 0; i < task.getBusinessStatus().getCoding().size(); i++) {
            Coding coding = task.getBusinessStatus().getCoding().get(i);
            if (CodedValue.isUnknownCode(BusinessStatus.class, coding)) {
                violations.add(RuleViolation.invalid(IssueType.CODEINVALID, "Task.businessStatus.coding[" + i + "]",
                        "'" + coding.getCode() + "' is not a BSeR task business status"));
            }
        }
        return violations;
    }

    private static void requireUnchanged(List<RuleViolation> violations, String expression, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, expression,
                    expression + " cannot change once the referral Task exists"));
        }
    }

    private static String code(Enum<?> value) {
        if (value instanceof TaskStatus status) {
            return status.toCode();
        }
        if (value instanceof Task.TaskIntent intent) {
            return intent.toCode();
        }
        return value == null ? null : value.name();
    }

    private static String describe(Set<TaskStatus> statuses) {
        if (statuses.isEmpty()) {
            return "none (final state)";
        }
        return String.join(", ", statuses.stream().map(TaskStatus::toCode).toList());
    }
}
