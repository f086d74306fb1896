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
 * Keeps {@code program_participant} in step with what it is derived from, in the writing transaction: a written
 * referral, fulfilment Task, session (Encounter), Observation or Patient marks the referrals it belongs to, and just
 * before commit each marked referral's row is derived again from what is stored ({@link ParticipantSource}). A write
 * that rolls back takes its figures with it. The referral's fulfilment Task row is locked first, as every write
 * that builds on a referral's state does, so two writes to one referral derive its row one after the other.
 */
public final class ParticipantFigures implements VersionListener {

    private final ReferralTables referrals;
    private final ParticipantSource source;
    private final ParticipantTable table = new ParticipantTable();
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
        if (referralIds == null) {
            return;
        }
        for (String referralId : referralIds) { // in id order, so two writers lock shared referrals' Tasks in the same order
            refresh(uow, referralId);
        }
    }

    /** Derives the referral's row again from what is stored, with its fulfilment Task locked; none without a Task. */
    void refresh(UnitOfWork uow, String referralId) throws SQLException {
        Optional<StoredVersion> task = referrals.lockFulfilmentTask(uow, referralId);
        table.keep(uow.connection(), referralId,
                task.isEmpty() ? Optional.empty() : source.derive(uow.connection(), referralId, task.get().id()));
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
