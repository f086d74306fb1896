package org.peerbridge.mapping.report;

import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Procedure;
import org.peerbridge.mapping.session.ActivityProcedureFactory;
import org.peerbridge.mapping.session.SessionDuration;
import org.peerbridge.mapping.session.SessionKind;

/**
 * How many of a referral's sessions were attended, missed (no-shows) or called off, how many minutes
 * were attended (the sessions' own length, which excludes breaks) and how many H0038 units the given
 * Procedures bill. A session recorded by mistake (entered-in-error) counts for nothing.
 */
public record SessionSummary(int attended, int noShows, int cancelled, int planned, long minutes, int units) {

    public static SessionSummary of(List<Encounter> sessions, List<Procedure> activities) {
        int attended = 0;
        int noShows = 0;
        int cancelled = 0;
        int planned = 0;
        long minutes = 0;
        for (Encounter session : sessions) {
            switch (SessionKind.of(session).orElse(SessionKind.CANCELLED)) {
                case ATTENDED -> {
                    attended++;
                    minutes += SessionDuration.minutes(session).orElse(0);
                }
                case NO_SHOW -> noShows++;
                case CANCELLED -> cancelled++;
                case PLANNED, UNDER_WAY -> planned++;
                case ENTERED_IN_ERROR -> { } // a mistake counts for nothing
            }
        }
        int units = activities.stream().map(ActivityProcedureFactory::billingUnits)
                .mapToInt(u -> u.orElse(0)).sum();
        return new SessionSummary(attended, noShows, cancelled, planned, minutes, units);
    }
}
