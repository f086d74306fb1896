package org.peerbridge.mapping.population;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.Participant.Ending;

/** Builds test participants: referred on 1 March 2026, open, no sessions, no scores, unless told otherwise. */
final class Cohorts {

    static final LocalDate REFERRED = LocalDate.of(2026, 3, 1);

    private String id = "ServiceRequest/p";
    private Optional<LocalDate> accepted = Optional.empty();
    private Optional<LocalDate> firstSession = Optional.empty();
    private Ending ending = Ending.OPEN;
    private Optional<String> reason = Optional.empty();
    private int attended;
    private int noShows;
    private long minutes;
    private final Map<Instrument, Map<TimePoint, Integer>> scores = new EnumMap<>(Instrument.class);
    private final Map<Stratifier, String> strata = new EnumMap<>(Stratifier.class);

    static Cohorts participant(String id) {
        Cohorts c = new Cohorts();
        c.id = "ServiceRequest/" + id;
        return c;
    }

    Cohorts acceptedAfter(int days) {
        accepted = Optional.of(REFERRED.plusDays(days));
        return this;
    }

    Cohorts startedAfter(int days, int attended, int noShows, long minutes) {
        firstSession = Optional.of(REFERRED.plusDays(days));
        this.attended = attended;
        this.noShows = noShows;
        this.minutes = minutes;
        return this;
    }

    Cohorts ended(Ending ending, String reason) {
        this.ending = ending;
        this.reason = Optional.ofNullable(reason);
        return this;
    }

    Cohorts score(Instrument instrument, TimePoint timePoint, int value) {
        scores.computeIfAbsent(instrument, i -> new HashMap<>()).put(timePoint, value);
        return this;
    }

    Cohorts in(Stratifier stratifier, String stratum) {
        strata.put(stratifier, stratum);
        return this;
    }

    Participant build() {
        return new Participant(id, REFERRED, accepted, firstSession, ending, reason, attended, noShows, minutes, scores, strata);
    }
}
