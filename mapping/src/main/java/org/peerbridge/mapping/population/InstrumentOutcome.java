package org.peerbridge.mapping.population;

import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * One instrument at one follow-up time point, for a cohort. Means are over the <em>paired</em> participants
 * (a baseline and this follow-up), so that follow-up mean minus baseline mean is the mean change. Percent
 * change is each person's (follow-up - baseline) / baseline x 100, averaged over those with a baseline
 * above zero. Response and remission are counted among the paired participants with an elevated baseline
 * ({@link ImprovementCriteria}).
 *
 * @param withBaseline participants with a baseline score
 * @param paired       of those, participants with a score at this time point
 * @param elevated     of those, participants whose baseline was elevated
 * @param nonZeroBaseline of the paired, those whose baseline was above zero (the percent change's n)
 */
public record InstrumentOutcome(Instrument instrument, TimePoint timePoint, long withBaseline, long paired, long elevated,
                                long nonZeroBaseline, Optional<Estimate> baselineMean, Optional<Estimate> followUpMean,
                                Optional<Estimate> meanChange, Optional<Estimate> meanPercentChange, Share response,
                                Share remission) {

    /** The follow-up time points reported, in order. */
    public static final List<TimePoint> FOLLOW_UPS = List.of(TimePoint.DAY_30, TimePoint.DAY_60, TimePoint.DAY_90);

    static InstrumentOutcome of(Instrument instrument, TimePoint timePoint, List<Participant> participants) {
        ImprovementCriteria criteria = ImprovementCriteria.of(instrument);
        long withBaseline = participants.stream().filter(p -> p.score(instrument, TimePoint.BASELINE).isPresent()).count();
        List<int[]> pairs = participants.stream()
                .filter(p -> p.score(instrument, TimePoint.BASELINE).isPresent() && p.score(instrument, timePoint).isPresent())
                .map(p -> new int[] {p.score(instrument, TimePoint.BASELINE).get(), p.score(instrument, timePoint).get()})
                .toList();
        List<int[]> elevated = pairs.stream().filter(pair -> criteria.elevated(pair[0])).toList();
        long responders = elevated.stream().filter(pair -> criteria.responded(pair[0], pair[1])).count();
        long remitted = elevated.stream().filter(pair -> criteria.remitted(pair[1])).count();
        double[] percents = pairs.stream().filter(pair -> pair[0] != 0)
                .mapToDouble(pair -> (pair[1] - pair[0]) * 100.0 / pair[0]).toArray();
        return new InstrumentOutcome(instrument, timePoint, withBaseline, pairs.size(), elevated.size(), percents.length,
                Estimate.of(pairs.stream().mapToDouble(pair -> pair[0]).toArray()),
                Estimate.of(pairs.stream().mapToDouble(pair -> pair[1]).toArray()),
                Estimate.of(pairs.stream().mapToDouble(pair -> pair[1] - pair[0]).toArray()),
                Estimate.of(percents),
                new Share(responders, elevated.size()), new Share(remitted, elevated.size()));
    }
}
