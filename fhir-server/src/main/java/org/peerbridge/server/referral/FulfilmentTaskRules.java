package org.peerbridge.server.referral;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.referral.FulfilmentTask;
import org.peerbridge.mapping.referral.ServiceRequestLifecycle;
import org.peerbridge.mapping.referral.TaskStateMachine;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * A referral's fulfilment Task in the writing transaction: one per referral, moving through the states of
 * {@link TaskStateMachine} with the business status that goes with each, and when it reaches a final state
 * its ServiceRequest takes the matching status. Other Tasks keep the base R4 rules only.
 */
public final class FulfilmentTaskRules implements WriteRule {

    private final ReferralTables tables;

    public FulfilmentTaskRules(ReferralTables tables) {
        this.tables = tables;
    }

    @Override
    public Set<String> types() {
        return Set.of("Task");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public void prepare(WriteContext write) {
        Task task = (Task) write.resource();
        if (!FulfilmentTask.isFulfilment(task)) {
            return;
        }
        task.setLastModified(write.now());
        if (write.before().orElse(null) instanceof Task previous && previous.getStatus() != task.getStatus()
                && previous.getBusinessStatus().equalsDeep(task.getBusinessStatus())) {
            TaskStateMachine.businessStatusFor(task.getStatus()).ifPresent(status -> task.setBusinessStatus(status.toCodeableConcept()));
        }
    }

    @Override
    public List<RuleViolation> check(WriteContext write) throws SQLException {
        Task task = (Task) write.resource();
        if (write.before().orElse(null) instanceof Task previous) {
            return FulfilmentTask.isFulfilment(previous) ? TaskStateMachine.checkChange(previous, task) : List.of();
        }
        return FulfilmentTask.isFulfilment(task) ? checkNew(write, task) : List.of();
    }

    private List<RuleViolation> checkNew(WriteContext write, Task task) throws SQLException {
        List<RuleViolation> violations = new ArrayList<>(TaskStateMachine.checkNew(task));
        Optional<LocalReference> focus = focus(task);
        if (focus.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Task.focus",
                    "A fulfilment Task must have focus = the referral's ServiceRequest"));
        } else if (write.uow().exists("ServiceRequest", focus.get().id())) {
            // only a referral the caller may see: another organization's is "does not exist" (the reference check), never its Task's id
            tables.taskOfReferral(write.uow(), focus.get().id()).ifPresent(taskId -> violations.add(RuleViolation.conflict(
                    "Task.focus", "Referral " + focus.get().asString() + " already has its fulfilment Task, Task/" + taskId)));
        }
        return violations;
    }

    @Override
    public void after(WriteContext write) throws SQLException {
        Task task = (Task) write.resource();
        if (!FulfilmentTask.isFulfilment(task)) {
            return;
        }
        if (write.isCreate()) {
            tables.linkTask(write.uow(), focus(task).orElseThrow().id(), task.getIdElement().getIdPart());
        } else if (((Task) write.before().orElseThrow()).getStatus() != task.getStatus()) {
            followWithReferral(write, task);
        }
    }

    /** The program moved the Task to a final state: the ServiceRequest takes the matching status. */
    private static void followWithReferral(WriteContext write, Task task) throws SQLException {
        Optional<ServiceRequest.ServiceRequestStatus> target = ServiceRequestLifecycle.statusForTask(task.getStatus());
        Optional<LocalReference> focus = focus(task);
        if (target.isEmpty() || focus.isEmpty()) {
            return;
        }
        write.server().update(ServiceRequest.class, focus.get().id(), referral -> {
            if (referral.getStatus() == target.get()) {
                return Optional.empty();
            }
            referral.setStatus(target.get());
            return Optional.of(referral);
        });
    }

    private static Optional<LocalReference> focus(Task task) {
        return LocalReference.parse(task.getFocus().getReference()).filter(ref -> ref.type().equals("ServiceRequest"));
    }
}
