package org.peerbridge.server.referral;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * The referral (ServiceRequest) in the writing transaction: it is known by its identifier (retries find the
 * first copy), gets exactly one fulfilment Task once the whole request is in, moves through the states of
 * {@link ServiceRequestLifecycle}, and when the referrer revokes it, its open Task ends the same way.
 * Every write that locks both rows of a referral locks its Task first, then its ServiceRequest.
 */
public final class ServiceRequestRules implements WriteRule {

    private static final String REVOKED_REASON = "Referral revoked by the referrer";

    private final ReferralTables tables;
    private final String programOrganization;

    public ServiceRequestRules(ReferralTables tables, String programOrganization) {
        this.tables = tables;
        this.programOrganization = programOrganization;
    }

    @Override
    public Set<String> types() {
        return Set.of("ServiceRequest");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    /**
     * A referral's update may cancel its Task ({@link #followWithTask}), and a Task's update locks its
     * referral after itself: the Task is locked first here too, so the two cannot deadlock.
     */
    @Override
    public void lockAhead(UnitOfWork uow, String id) throws SQLException {
        tables.lockFulfilmentTask(uow, id);
    }

    @Override
    public Optional<Resource> existingDuplicate(WriteContext write) throws SQLException {
        UnitOfWork uow = write.uow();
        for (Identifier identifier : ((ServiceRequest) write.resource()).getIdentifier()) {
            Optional<String> known = tables.referralByIdentifier(uow, identifier);
            if (known.isPresent()) {
                Optional<Resource> existing = uow.read("ServiceRequest", known.get());
                if (existing.isPresent() && uow.readVisible("ServiceRequest", known.get()).isEmpty()) {
                    // another organization's referral: say no more than that the identifier is taken
                    throw Refusals.conflict(IssueType.DUPLICATE, "ServiceRequest.identifier",
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

    @Override
    public List<RuleViolation> check(WriteContext write) {
        if (write.isCreate()) {
            return List.of();
        }
        ServiceRequest before = (ServiceRequest) write.before().orElseThrow();
        ServiceRequest after = (ServiceRequest) write.resource();
        return write.actor().isServer() ? ServiceRequestLifecycle.checkFollowingTask(before, after)
                : ServiceRequestLifecycle.checkChange(before, after);
    }

    @Override
    public void after(WriteContext write) throws SQLException {
        ServiceRequest referral = (ServiceRequest) write.resource();
        if (write.isCreate()) {
            tables.rememberIdentifiers(write.uow(), referral.getIdElement().getIdPart(), referral.getIdentifier());
            write.uow().beforeCommit(() -> ensureFulfilmentTask(write, referral));
        } else if (((ServiceRequest) write.before().orElseThrow()).getStatus() != referral.getStatus()) {
            followWithTask(write, referral);
        }
    }

    /** Runs once the whole request is in: a referrer-supplied Task in the same Bundle counts. */
    private void ensureFulfilmentTask(WriteContext write, ServiceRequest referral) throws SQLException {
        String referralId = referral.getIdElement().getIdPart();
        if (tables.taskOfReferral(write.uow(), referralId).isEmpty()) {
            write.server().create(FulfilmentTask.forReferral(referral, "ServiceRequest/" + referralId, programOrganization, write.now()));
        }
    }

    /** The referrer revoked (or entered-in-error) the referral: its open Task ends the same way. */
    private void followWithTask(WriteContext write, ServiceRequest referral) throws SQLException {
        Optional<Task.TaskStatus> target = ServiceRequestLifecycle.taskStatusFor(referral.getStatus());
        Optional<String> taskId = tables.taskOfReferral(write.uow(), referral.getIdElement().getIdPart());
        if (target.isEmpty() || taskId.isEmpty()) {
            return;
        }
        write.server().update(Task.class, taskId.get(), task -> {
            if (!TaskStateMachine.OPEN.contains(task.getStatus())) {
                return Optional.empty();
            }
            task.setStatus(target.get());
            task.getStatusReason().setText(REVOKED_REASON);
            task.setBusinessStatus(BusinessStatus.FULFILLMENT_CANCELLED.toCodeableConcept());
            return Optional.of(task);
        });
    }
}
