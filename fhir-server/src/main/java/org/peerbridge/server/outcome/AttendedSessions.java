package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.UnitOfWork;

/** The day of a referral's first attended session, which places a score's baseline. */
public final class AttendedSessions {

    private final StoredSearch search;

    public AttendedSessions(StoredSearch search) {
        this.search = search;
    }

    Optional<LocalDate> firstAttended(UnitOfWork uow, String referralId) throws SQLException {
        List<Encounter> sessions = search.find(uow, "Encounter", "based-on=ServiceRequest/" + referralId
                + "&status=finished&_sort=date&_count=1").stream().map(Encounter.class::cast).toList();
        return AssessmentSchedule.firstAttendedSession(sessions);
    }
}
