package org.peerbridge.server.session;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.session.ActivityProcedureFactory;
import org.peerbridge.mapping.session.SessionCodes;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * The H0038 Procedure of an attended session: exactly one per session Encounter. A correction of the
 * finished session (its times, its peer supporter) revises that Procedure in place, so the units
 * reported always match the session as it now reads; a session marked entered-in-error takes its
 * Procedure with it (entered-in-error too, so nothing bills it).
 */
final class ActivityRecorder {

    private final StoredSearch search;

    ActivityRecorder(StoredSearch search) {
        this.search = search;
    }

    /** Stores or revises the session's Procedure; returns its reference, "Procedure/id". */
    String record(UnitOfWork uow, Encounter session) throws SQLException {
        String sessionReference = "Encounter/" + session.getIdElement().getIdPart();
        Procedure activity = ActivityProcedureFactory.forAttendedSession(session, sessionReference);
        Optional<String> existing = procedureOf(uow, sessionReference);
        if (existing.isEmpty()) {
            return reference(uow.create(activity));
        }
        String id = existing.get();
        StoredVersion current = uow.lockCurrentRow("Procedure", id).orElseThrow();
        Procedure stored = (Procedure) uow.decode(current);
        if (!sameContent(stored, activity)) {
            uow.update(activity, current);
        }
        return "Procedure/" + id;
    }

    /** Marks the session's Procedure, if it has one, entered-in-error; returns its reference, "Procedure/id". */
    Optional<String> withdraw(UnitOfWork uow, Encounter session) throws SQLException {
        Optional<String> existing = procedureOf(uow, "Encounter/" + session.getIdElement().getIdPart());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        StoredVersion current = uow.lockCurrentRow("Procedure", existing.get()).orElseThrow();
        Procedure withdrawn = (Procedure) uow.decode(current);
        withdrawn.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
        uow.update(withdrawn, current);
        return Optional.of("Procedure/" + existing.get());
    }

    // The Encounter's row is locked by its own write, so no other request can add a Procedure meanwhile.
    private Optional<String> procedureOf(UnitOfWork uow, String sessionReference) throws SQLException {
        List<Resource> found = search.find(uow, "Procedure",
                "encounter=" + sessionReference + "&code=" + CodeSystems.HCPCS + "|" + SessionCodes.H0038);
        return found.stream().findFirst().map(procedure -> procedure.getIdElement().getIdPart());
    }

    private static boolean sameContent(Procedure stored, Procedure fresh) {
        Procedure withoutMeta = stored.copy();
        withoutMeta.setIdElement(null);
        withoutMeta.setMeta(null);
        return withoutMeta.equalsDeep(fresh);
    }

    private static String reference(Resource created) {
        return "Procedure/" + created.getIdElement().getIdPart();
    }
}
