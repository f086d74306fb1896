package org.peerbridge.mapping.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.AssessmentSchedule.Assessment;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * One instrument's course for a referral: every score placed at its time point by the same rule as the
 * stored scores ({@link AssessmentSchedule#place}), the baseline, the latest score after it, the change
 * in points and percent, and response and remission ({@link MeaningfulChange}).
 */
public record InstrumentProgress(Instrument instrument, List<ScoreReading> readings, Optional<ScoreReading> baseline,
                                 Optional<ScoreReading> latest, Optional<Integer> changePoints, Optional<BigDecimal> changePercent,
                                 Optional<Boolean> response, Optional<Boolean> remission) {

    /** @param readings this instrument's current scores, in the order they were recorded */
    public static InstrumentProgress of(Instrument instrument, List<ScoreReading> readings, Optional<LocalDate> firstAttendedSession) {
        List<ScoreReading> ordered = readings.stream()
                .sorted(Comparator.comparing(ScoreReading::day).thenComparing(ScoreReading::authored)).toList();
        Map<String, TimePoint> placed = AssessmentSchedule.place(
                ordered.stream().map(r -> new Assessment(r.reference(), r.day())).toList(), firstAttendedSession);
        List<ScoreReading> atTimePoints = new ArrayList<>();
        ordered.forEach(r -> atTimePoints.add(r.at(placed.get(r.reference()))));
        Optional<ScoreReading> baseline = atTimePoints.stream().filter(r -> r.timePoint() == TimePoint.BASELINE).findFirst();
        Optional<ScoreReading> latest = baseline.flatMap(b -> atTimePoints.stream()
                .filter(r -> r != b && r.day().isAfter(b.day())).reduce((first, second) -> second));
        if (baseline.isEmpty() || latest.isEmpty()) {
            return new InstrumentProgress(instrument, atTimePoints, baseline, latest, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        int from = baseline.get().value();
        int to = latest.get().value();
        Optional<BigDecimal> percent = from == 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf((long) (to - from) * 100).divide(BigDecimal.valueOf(from), 1, RoundingMode.HALF_UP));
        return new InstrumentProgress(instrument, atTimePoints, baseline, latest, Optional.of(to - from), percent,
                MeaningfulChange.response(instrument, from, to), MeaningfulChange.remission(instrument, to));
    }
}
