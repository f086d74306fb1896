package org.peerbridge.mapping.population;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * What one referral contributes to the program's outcomes: when it was referred, accepted and first
 * attended, how it ended, its sessions, the score at each time point of each instrument, and the value of
 * each stratifier. Built from what is stored by {@link Participants}; tests build it directly.
 *
 * @param scores per instrument, the reported total at each time point (baseline, 30, 60, 90 days)
 * @param strata per stratifier, this referral's value ({@link Stratifier#UNKNOWN} when it has none)
 */
public record Participant(String referral, LocalDate referred, Optional<LocalDate> accepted, Optional<LocalDate> firstSession,
                          Ending ending, Optional<String> endReason, int attended, int noShows, long minutes,
                          Map<Instrument, Map<TimePoint, Integer>> scores, Map<Stratifier, String> strata) {

    /** How the referral's fulfilment Task ended, if it has. */
    public enum Ending {
        /** Still open: requested, accepted, in progress or on hold. */
        OPEN,
        COMPLETED,
        /** Rejected by the program. */
        DECLINED,
        /** Cancelled by either side, or failed. */
        CANCELLED
    }

    public Participant {
        Map<Instrument, Map<TimePoint, Integer>> copy = new EnumMap<>(Instrument.class);
        scores.forEach((instrument, byTimePoint) -> copy.put(instrument, Map.copyOf(byTimePoint)));
        scores = copy;
        strata = Map.copyOf(strata);
    }

    /** Whether the program ever accepted the referral (a person who attended a session was accepted). */
    public boolean wasAccepted() {
        return accepted.isPresent() || started();
    }

    /** Whether the person attended at least one session. */
    public boolean started() {
        return firstSession.isPresent();
    }

    /** The score at a time point, if one was recorded there. */
    public Optional<Integer> score(Instrument instrument, TimePoint timePoint) {
        return Optional.ofNullable(scores.getOrDefault(instrument, Map.of()).get(timePoint));
    }

    /** This referral's value for a stratifier. */
    public String stratum(Stratifier stratifier) {
        return strata.getOrDefault(stratifier, Stratifier.UNKNOWN);
    }
}
