package org.peerbridge.server.population;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.storage.VersionListener;
import org.peerbridge.server.storage.WrittenVersion;

/**
 * Keeps {@code program_participant} in step with what it is derived from. A written referral, fulfilment Task, session
 * (Encounter), Observation or Patient marks the referrals it belongs to as stale, in the writing transaction, so a
 * write that rolls back leaves no mark; the write itself reads nothing more. {@link #refresh} derives a referral's row
 * again from what is stored ({@link ParticipantSource}), after the write, in the background or before a report
 * ({@link ParticipantRefresher}). It locks the referral's fulfilment Task row first, as every write that builds on a
 * referral's state does, so two derivations of one referral run one after the other and the later one wins.
 */
public final class ParticipantFigures implements VersionListener {

    private final ReferralTables referrals;
    private final ParticipantSource source;
    private final ParticipantTable table = new ParticipantTable();
    private final StaleMarks stale = new StaleMarks();
    private final Map<UnitOfWork, Set<String>> marked = Collections.synchronizedMap(new WeakHashMap<>());

    /** @param programOrganization the program's Organization reference, e.g. Organization/peerbridge-program */
    public ParticipantFigures(ReferralTables referrals, ResourceCodec codec, String programOrganization) {
        this.referrals = referrals;
        this.source = new ParticipantSource(codec, programOrganization);
    }

    @Override
    public void written(UnitOfWork uow, WrittenVersion written) throws SQLException {
        switch (written.type()) {
            case "ServiceRequest" -> mark(uow, List.of(written.id()));
            case "Patient" -> mark(uow, table.referralsOf(uow.connection(), written.id()));
            case "Task", "Encounter", "Observation" -> {
                if (written.resource() != null) {
                    mark(uow, referralsNamedBy(written.resource()));
                }
                // a deletion, or a corrected session or Observation that may have named another referral (a Task keeps its focus)
                StoredVersion previous = written.previous();
                if (previous != null && !previous.deleted() && (written.resource() == null || !"Task".equals(written.type()))) {
                    mark(uow, referralsNamedBy(uow.decode(previous)));
                }
            }
            default -> {
                // nothing else a participant's figures are derived from
            }
        }
    }

    @Override
    public void completing(UnitOfWork uow) throws SQLException {
        Set<String> referralIds = marked.remove(uow);
        if (referralIds != null) {
            stale.mark(uow.connection(), referralIds);
        }
    }

    /**
     * Derives the referral's row again from what is stored, with its fulfilment Task locked (none without a Task), and
     * removes the marks committed before it read the data: a mark added meanwhile stays for the next derivation.
     */
    void refresh(UnitOfWork uow, String referralId) throws SQLException {
        derive(uow, referralId, referrals.lockFulfilmentTask(uow, referralId));
    }

    /**
     * As {@link #refresh}, unless another transaction holds the lock of the referral's fulfilment Task (a write to the
     * referral in flight, or another derivation of it): then false at once, nothing changed, the marks kept for later.
     * Never waiting for a lock, the background is not held back by one busy referral.
     */
    boolean refreshUnlessBusy(UnitOfWork uow, String referralId) throws SQLException {
        Optional<String> taskId = referrals.taskOfReferral(uow, referralId);
        Optional<StoredVersion> task = taskId.isEmpty() ? Optional.empty() : uow.lockCurrentRowUnlessLocked("Task", taskId.get());
        if (taskId.isPresent() && task.isEmpty()) {
            return false;
        }
        derive(uow, referralId, task);
        return true;
    }

    private void derive(UnitOfWork uow, String referralId, Optional<StoredVersion> task) throws SQLException {
        List<Long> marks = stale.of(uow.connection(), referralId);
        table.keep(uow.connection(), referralId,
                task.isEmpty() ? Optional.empty() : source.derive(uow.connection(), referralId, task.get().id()));
        stale.clear(uow.connection(), marks);
    }

    private void mark(UnitOfWork uow, List<String> referralIds) {
        if (!referralIds.isEmpty()) {
            marked.computeIfAbsent(uow, key -> new TreeSet<>()).addAll(referralIds);
        }
    }

    /** The referrals a Task is the focus of, or a session or an Observation is based on. */
    private static List<String> referralsNamedBy(Resource resource) {
        List<Reference> references = resource instanceof Task task ? List.of(task.getFocus())
                : resource instanceof Encounter session ? session.getBasedOn()
                : resource instanceof Observation observation ? observation.getBasedOn() : List.of();
        return references.stream().map(Reference::getReferenceElement).filter(id -> "ServiceRequest".equals(id.getResourceType()))
                .map(id -> id.getIdPart()).toList();
    }
}
