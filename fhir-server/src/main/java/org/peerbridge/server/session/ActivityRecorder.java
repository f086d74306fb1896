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
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteContext;

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
    String record(WriteContext write, Encounter session) throws SQLException {
        String sessionReference = "Encounter/" + session.getIdElement().getIdPart();
        Procedure activity = ActivityProcedureFactory.forAttendedSession(session, sessionReference);
        Optional<String> existing = procedureOf(write.uow(), sessionReference);
        if (existing.isEmpty()) {
            return "Procedure/" + write.server().create(activity).getIdElement().getIdPart();
        }
        write.server().update(Procedure.class, existing.get(),
                stored -> sameContent(stored, activity) ? Optional.empty() : Optional.of(activity));
        return "Procedure/" + existing.get();
    }

    /** Marks the session's Procedure, if it has one, entered-in-error; returns its reference, "Procedure/id". */
    Optional<String> withdraw(WriteContext write, Encounter session) throws SQLException {
        Optional<String> existing = procedureOf(write.uow(), "Encounter/" + session.getIdElement().getIdPart());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        write.server().update(Procedure.class, existing.get(),
                withdrawn -> Optional.of(withdrawn.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR)));
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
}
