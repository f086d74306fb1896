package org.peerbridge.server.session;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.session.SessionContext;
import org.peerbridge.mapping.session.SessionLookups;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.search.LocalReference;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Reads what the session rules need ({@link SessionLookups}) inside the writing transaction. The
 * referral's Task is read locked, so the Task status the rules see is the one the session's effects
 * then build on: a coordinator closing the referral at the same moment waits, or goes first.
 */
final class SessionContextLoader {

    private final ReferralTables referrals;
    private final StoredSearch search;
    private final String programOrganization;

    SessionContextLoader(ReferralTables referrals, StoredSearch search, String programOrganization) {
        this.referrals = referrals;
        this.search = search;
        this.programOrganization = programOrganization;
    }

    SessionContext load(UnitOfWork uow, Encounter session) throws SQLException {
        SessionLookups lookups = SessionLookups.of(session);
        SessionContext.Builder context = SessionContext.builder().programOrganization(programOrganization);
        Optional<ServiceRequest> referral = read(uow, lookups.referral(), "ServiceRequest").map(ServiceRequest.class::cast);
        if (referral.isPresent()) {
            context.referral(referral.get()).fulfilmentTask(lockedTask(uow, referral.get().getIdElement().getIdPart()).orElse(null));
        }
        context.supporterRoles(supporterRoles(uow, lookups.peerSupporter()));
        read(uow, lookups.groupSession(), "Encounter").ifPresent(group -> context.groupSession((Encounter) group));
        return context.build();
    }

    /** The referral's fulfilment Task, locked until the transaction ends. */
    private Optional<Task> lockedTask(UnitOfWork uow, String referralId) throws SQLException {
        return referrals.lockFulfilmentTask(uow, referralId).filter(row -> !row.deleted()).map(row -> (Task) uow.decode(row));
    }

    /** The roles of the peer supporter: the PractitionerRole named, or every role of the Practitioner named. */
    private List<PractitionerRole> supporterRoles(UnitOfWork uow, Optional<String> supporter) throws SQLException {
        Optional<LocalReference> local = supporter.flatMap(LocalReference::parse);
        if (local.isEmpty()) {
            return List.of();
        }
        if (local.get().type().equals("PractitionerRole")) {
            return uow.read("PractitionerRole", local.get().id()).map(role -> List.of((PractitionerRole) role)).orElse(List.of());
        }
        return search.find(uow, "PractitionerRole", "practitioner=" + local.get().asString() + "&_count=100").stream()
                .map(PractitionerRole.class::cast).toList();
    }

    private static Optional<Resource> read(UnitOfWork uow, Optional<String> target, String type) throws SQLException {
        Optional<LocalReference> local = target.flatMap(LocalReference::parse).filter(ref -> ref.type().equals(type));
        return local.isPresent() ? uow.read(type, local.get().id()) : Optional.empty();
    }
}
