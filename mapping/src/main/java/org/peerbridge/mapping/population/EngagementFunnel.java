package org.peerbridge.mapping.population;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.peerbridge.mapping.population.Participant.Ending;

/**
 * How far a cohort's referrals got: referred, accepted, started (attended a session), completed, and how
 * many were declined or cancelled, by reason; how long acceptance and the first session took (medians, in
 * days from referral); sessions and minutes per participant who started; the share of booked sessions
 * missed (no-shows among attended plus no-shows).
 *
 * @param declinedByReason  declined referrals by coded reason ({@link Participant#endReason})
 * @param cancelledByReason cancelled or failed referrals by coded reason
 */
public record EngagementFunnel(long referred, long accepted, long started, long completed, long declined, long cancelled,
                               Map<String, Long> declinedByReason, Map<String, Long> cancelledByReason,
                               Optional<Double> medianDaysToAcceptance, Optional<Double> medianDaysToFirstSession,
                               Optional<Estimate> sessionsPerParticipant, Optional<Estimate> minutesPerParticipant,
                               Share noShows) {

    /** The reason of a declined or cancelled referral that has none coded. */
    public static final String NOT_CODED = "not-coded";

    static EngagementFunnel of(List<Participant> participants) {
        List<Participant> started = participants.stream().filter(Participant::started).toList();
        long attendedSessions = participants.stream().mapToLong(Participant::attended).sum();
        long noShowSessions = participants.stream().mapToLong(Participant::noShows).sum();
        return new EngagementFunnel(participants.size(),
                participants.stream().filter(Participant::wasAccepted).count(),
                started.size(),
                count(participants, Ending.COMPLETED),
                count(participants, Ending.DECLINED),
                count(participants, Ending.CANCELLED),
                byReason(participants, Ending.DECLINED),
                byReason(participants, Ending.CANCELLED),
                Medians.of(participants.stream().filter(p -> p.accepted().isPresent())
                        .mapToLong(p -> ChronoUnit.DAYS.between(p.referred(), p.accepted().get())).toArray()),
                Medians.of(started.stream()
                        .mapToLong(p -> ChronoUnit.DAYS.between(p.referred(), p.firstSession().get())).toArray()),
                Estimate.of(started.stream().mapToDouble(Participant::attended).toArray()),
                Estimate.of(started.stream().mapToDouble(Participant::minutes).toArray()),
                new Share(noShowSessions, attendedSessions + noShowSessions));
    }

    private static long count(List<Participant> participants, Ending ending) {
        return participants.stream().filter(p -> p.ending() == ending).count();
    }

    private static Map<String, Long> byReason(List<Participant> participants, Ending ending) {
        return participants.stream().filter(p -> p.ending() == ending)
                .collect(Collectors.groupingBy(p -> p.endReason().orElse(NOT_CODED), TreeMap::new, Collectors.counting()));
    }
}
