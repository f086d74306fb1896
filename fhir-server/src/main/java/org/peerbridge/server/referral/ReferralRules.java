package org.peerbridge.server.referral;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.referral.FulfilmentTask;
import org.peerbridge.mapping.referral.ServiceRequestLifecycle;
import org.peerbridge.mapping.referral.TaskStateMachine;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.rest.errors.Outcomes;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * The referral loop's rules, applied in the writing transaction: a referral is known by its identifier
 * (retries find the first copy), gets exactly one fulfilment Task, and its Task and ServiceRequest move
 * together through the states of {@link TaskStateMachine} and {@link ServiceRequestLifecycle}.
 * Every write that locks both rows of a referral locks its Task first, then its ServiceRequest.
 */
public final class ReferralRules implements WriteRules {

    private static final String REVOKED_REASON = "Referral revoked by the referrer";

    private final ReferralTables tables;
    private final String programOrganization;

    public ReferralRules(ReferralTables tables, String programOrganization) {
        this.tables = tables;
        this.programOrganization = programOrganization;
    }

    @Override
    public Optional<Resource> existingDuplicate(UnitOfWork uow, Resource incoming) throws SQLException {
        if (!(incoming instanceof ServiceRequest referral)) {
            return Optional.empty();
        }
        for (Identifier identifier : referral.getIdentifier()) {
            Optional<String> known = tables.referralByIdentifier(uow, identifier);
            if (known.isPresent()) {
                Optional<Resource> existing = uow.read("ServiceRequest", known.get());
                if (existing.isPresent() && uow.readVisible("ServiceRequest", known.get()).isEmpty()) {
                    // another organization's referral: say no more than that the identifier is taken
                    throw Outcomes.conflict(IssueType.DUPLICATE, "ServiceRequest.identifier",
                            "The referral identifier is already used by a referral this client cannot see");
                }
                if (existing.isPresent()) {
                    return existing;
                }
                tables.forgetIdentifiers(uow, known.get()); // the earlier referral was deleted
            }
        }
        return Optional.empty();
    }

    /**
     * A referral's update may cancel its Task ({@link #followReferralWithTask}), and a Task's update
     * locks its referral after itself: the Task is locked first here too, so the two cannot deadlock.
     */
    @Override
    public void lockAhead(UnitOfWork uow, String type, String id) throws SQLException {
        if (type.equals("ServiceRequest")) {
            tables.lockFulfilmentTask(uow, id);
        }
    }

    @Override
    public void prepare(UnitOfWork uow, Resource before, Resource incoming) {
        if (incoming instanceof Task task && FulfilmentTask.isFulfilment(task)) {
            task.setLastModified(uow.now());
            if (before instanceof Task previous && previous.getStatus() != task.getStatus()
                    && previous.getBusinessStatus().equalsDeep(task.getBusinessStatus())) {
                TaskStateMachine.businessStatusFor(task.getStatus())
                        .ifPresent(status -> task.setBusinessStatus(status.toCodeableConcept()));
            }
        }
    }

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) throws SQLException {
        if (incoming instanceof Task task && FulfilmentTask.isFulfilment(task)) {
            List<RuleViolation> violations = new java.util.ArrayList<>(TaskStateMachine.checkNew(task));
            Optional<LocalReference> focus = LocalReference.parse(task.getFocus().getReference())
                    .filter(ref -> ref.type().equals("ServiceRequest"));
            if (focus.isEmpty()) {
                violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Task.focus",
                        "A fulfilment Task must have focus = the referral's ServiceRequest"));
            } else {
                Optional<String> existingTask = tables.taskOfReferral(uow, focus.get().id());
                existingTask.ifPresent(taskId -> violations.add(RuleViolation.conflict("Task.focus",
                        "Referral " + focus.get().asString() + " already has its fulfilment Task, Task/" + taskId)));
            }
            return violations;
        }
        return List.of();
    }

    @Override
    public void afterCreate(UnitOfWork uow, Resource created) throws SQLException {
        if (created instanceof ServiceRequest referral) {
            String referralId = referral.getIdElement().getIdPart();
            tables.rememberIdentifiers(uow, referralId, referral.getIdentifier());
            uow.beforeCommit(() -> ensureFulfilmentTask(uow, referral));
        } else if (created instanceof Task task && FulfilmentTask.isFulfilment(task)) {
            String referralId = LocalReference.parse(task.getFocus().getReference()).orElseThrow().id();
            tables.linkTask(uow, referralId, task.getIdElement().getIdPart());
        }
    }

    /** Runs once the whole request is in: a referrer-supplied Task in the same Bundle counts. */
    private void ensureFulfilmentTask(UnitOfWork uow, ServiceRequest referral) throws SQLException {
        String referralId = referral.getIdElement().getIdPart();
        if (tables.taskOfReferral(uow, referralId).isPresent()) {
            return;
        }
        Task task = FulfilmentTask.forReferral(referral, "ServiceRequest/" + referralId, programOrganization, uow.now());
        Task created = (Task) uow.create(task);
        tables.linkTask(uow, referralId, created.getIdElement().getIdPart());
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) {
        if (after instanceof Task task && before instanceof Task previous && FulfilmentTask.isFulfilment(previous)) {
            return TaskStateMachine.checkChange(previous, task);
        }
        if (after instanceof ServiceRequest referral && before instanceof ServiceRequest previous) {
            return ServiceRequestLifecycle.checkChange(previous, referral);
        }
        return List.of();
    }

    @Override
    public void afterUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        if (after instanceof Task task && before instanceof Task previous && previous.getStatus() != task.getStatus()
                && FulfilmentTask.isFulfilment(task)) {
            followTaskWithReferral(uow, task);
        } else if (after instanceof ServiceRequest referral && before instanceof ServiceRequest previous
                && previous.getStatus() != referral.getStatus()) {
            followReferralWithTask(uow, referral);
        }
    }

    /** The program moved the Task to a final state: the ServiceRequest takes the matching status. */
    private static void followTaskWithReferral(UnitOfWork uow, Task task) throws SQLException {
        Optional<ServiceRequest.ServiceRequestStatus> target = ServiceRequestLifecycle.statusForTask(task.getStatus());
        Optional<LocalReference> focus = LocalReference.parse(task.getFocus().getReference());
        if (target.isEmpty() || focus.isEmpty()) {
            return;
        }
        StoredVersion current = uow.lockCurrentRow("ServiceRequest", focus.get().id()).orElseThrow();
        ServiceRequest referral = (ServiceRequest) uow.decode(current);
        if (referral.getStatus() != target.get()) {
            referral.setStatus(target.get());
            uow.update(referral, current);
        }
    }

    /** The referrer revoked (or entered-in-error) the referral: its open Task ends the same way. */
    private void followReferralWithTask(UnitOfWork uow, ServiceRequest referral) throws SQLException {
        Optional<Task.TaskStatus> target = ServiceRequestLifecycle.taskStatusFor(referral.getStatus());
        Optional<String> taskId = tables.taskOfReferral(uow, referral.getIdElement().getIdPart());
        if (target.isEmpty() || taskId.isEmpty()) {
            return;
        }
        StoredVersion current = uow.lockCurrentRow("Task", taskId.get()).orElseThrow();
        Task task = (Task) uow.decode(current);
        if (!TaskStateMachine.OPEN.contains(task.getStatus())) {
            return;
        }
        task.setStatus(target.get());
        task.getStatusReason().setText(REVOKED_REASON);
        task.setBusinessStatus(BusinessStatus.FULFILLMENT_CANCELLED.toCodeableConcept());
        task.setLastModified(uow.now());
        uow.update(task, current);
    }
}
