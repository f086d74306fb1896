package org.peerbridge.mapping.outcome;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Classifies a scored response into a time point: baseline, then 30, 60 and 90 days after it, each
 * within {@value #WINDOW_DAYS} days either side; anything else is unscheduled.
 *
 * <p>Baseline is, for now, the first scored response of the same instrument for the same referral
 * (earliest authored date). The domain ties baseline to the first attended peer session; using it needs
 * stored time points recomputed as sessions are recorded, which is not built yet (docs/outcomes.md).
 */
public final class AssessmentSchedule {

    /** Half-width of each window, in days, inclusive. */
    public static final int WINDOW_DAYS = 14;

    /** Extension on each score Observation; valueCoding from the assessment-time-point code system. */
    public static final String EXTENSION_URL = "http://peerbridge.org/fhir/StructureDefinition/assessment-time-point";

    private static final List<TimePoint> FOLLOW_UPS = List.of(TimePoint.DAY_30, TimePoint.DAY_60, TimePoint.DAY_90);

    private AssessmentSchedule() {
    }

    /**
     * @param authored the date of the response being classified
     * @param firstOther the earliest authored date among the referral's other scored responses of the
     *        same instrument (not counting earlier versions of this one); empty if there are none
     */
    public static TimePoint classify(LocalDate authored, Optional<LocalDate> firstOther) {
        // Strictly before: on the same day the response already stored stays the baseline.
        if (firstOther.isEmpty() || authored.isBefore(firstOther.get())) {
            return TimePoint.BASELINE;
        }
        long days = ChronoUnit.DAYS.between(firstOther.get(), authored);
        return FOLLOW_UPS.stream()
                .filter(t -> Math.abs(days - t.daysAfterBaseline()) <= WINDOW_DAYS)
                .findFirst()
                .orElse(TimePoint.UNSCHEDULED);
    }

    /**
     * The calendar date of {@code authored} as written (in the offset it was recorded in), so that a
     * response authored late in the evening counts for the day the person experienced.
     *
     * @throws IllegalArgumentException if the response has no authored date
     */
    public static LocalDate authoredDate(QuestionnaireResponse response) {
        DateTimeType authored = response.getAuthoredElement();
        if (authored == null || authored.getValue() == null) {
            throw new IllegalArgumentException("The response has no authored date");
        }
        return LocalDate.of(authored.getYear(), authored.getMonth() + 1, authored.getDay());
    }

    /** The extension recording {@code timePoint} on a score Observation. */
    public static Extension extension(TimePoint timePoint) {
        return new Extension(EXTENSION_URL, timePoint.coding());
    }

    /** The time point recorded on a score Observation, if any. */
    public static Optional<TimePoint> of(Observation observation) {
        Extension extension = observation.getExtensionByUrl(EXTENSION_URL);
        if (extension == null || !(extension.getValue() instanceof Coding coding)) {
            return Optional.empty();
        }
        return TimePoint.fromCode(coding.getCode());
    }
}
