package org.peerbridge.mapping.outcome;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.session.SessionKind;

/**
 * Places the scored assessments of one instrument for one referral at their time points: baseline, then
 * 30, 60 and 90 days after it, each within {@value #WINDOW_DAYS} days either side; anything else is
 * unscheduled. This is the one rule for the time point stored on each score Observation and for the
 * progress report (docs/outcomes.md#time-points).
 *
 * <p>Baseline (domain.md "Time points"): the assessment nearest before the first attended peer session
 * (the same day counts as before), or failing that the first one up to {@value #WINDOW_DAYS} days after
 * it. Until a session has been attended, the earliest assessment stands in as a provisional baseline.
 * With an attended session but no assessment in that range, there is no baseline and every assessment
 * is unscheduled.
 */
public final class AssessmentSchedule {

    /** Half-width of each window, in days, inclusive. */
    public static final int WINDOW_DAYS = 14;

    /** Extension on each score Observation; valueCoding from the assessment-time-point code system. */
    public static final String EXTENSION_URL = "http://peerbridge.org/fhir/StructureDefinition/assessment-time-point";

    private static final List<TimePoint> FOLLOW_UPS = List.of(TimePoint.DAY_30, TimePoint.DAY_60, TimePoint.DAY_90);

    private AssessmentSchedule() {
    }

    /** One scored assessment: an id the caller chooses (a response or Observation id) and its authored date. */
    public record Assessment(String id, LocalDate authored) {
    }

    /**
     * @param assessments          the referral's current (not withdrawn) assessments of one instrument, in the
     *                             order they were recorded: of two on the same day, the one recorded first wins
     * @param firstAttendedSession the day of the referral's first attended session, if any
     * @return each assessment's time point, by id
     */
    public static Map<String, TimePoint> place(List<Assessment> assessments, Optional<LocalDate> firstAttendedSession) {
        Optional<Assessment> baseline = baseline(assessments, firstAttendedSession);
        Map<String, TimePoint> placed = new LinkedHashMap<>();
        for (Assessment assessment : assessments) {
            placed.put(assessment.id(), baseline.map(b -> relativeTo(b, assessment)).orElse(TimePoint.UNSCHEDULED));
        }
        return placed;
    }

    /** The baseline assessment by the rule in the class comment, if there is one. */
    public static Optional<Assessment> baseline(List<Assessment> assessments, Optional<LocalDate> firstAttendedSession) {
        List<Assessment> byDate = assessments.stream().sorted(Comparator.comparing(Assessment::authored)).toList(); // stable
        if (firstAttendedSession.isEmpty()) {
            return byDate.stream().findFirst();
        }
        LocalDate session = firstAttendedSession.get();
        Optional<LocalDate> nearestBefore = byDate.stream().map(Assessment::authored).filter(d -> !d.isAfter(session))
                .reduce((first, second) -> second);
        if (nearestBefore.isPresent()) {
            return byDate.stream().filter(a -> a.authored().equals(nearestBefore.get())).findFirst();
        }
        return byDate.stream().filter(a -> !a.authored().isAfter(session.plusDays(WINDOW_DAYS))).findFirst();
    }

    /**
     * The day the first attended session started (as written, in its own offset): what baseline is placed
     * by. Group attendees' Encounters count like individual sessions.
     */
    public static Optional<LocalDate> firstAttendedSession(List<Encounter> sessions) {
        return sessions.stream()
                .filter(s -> SessionKind.of(s).orElse(null) == SessionKind.ATTENDED && s.getPeriod().hasStart())
                .map(s -> dateAsWritten(s.getPeriod().getStartElement()))
                .min(Comparator.naturalOrder());
    }

    private static TimePoint relativeTo(Assessment baseline, Assessment assessment) {
        if (assessment.id().equals(baseline.id())) {
            return TimePoint.BASELINE;
        }
        long days = ChronoUnit.DAYS.between(baseline.authored(), assessment.authored());
        return FOLLOW_UPS.stream()
                .filter(t -> days > 0 && Math.abs(days - t.daysAfterBaseline()) <= WINDOW_DAYS)
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
        return dateAsWritten(authored);
    }

    /** The calendar date of a dateTime in the offset it was written in. */
    public static LocalDate dateAsWritten(DateTimeType value) {
        return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    /** The extension recording {@code timePoint} on a score Observation. */
    public static Extension extension(TimePoint timePoint) {
        return new Extension(EXTENSION_URL, timePoint.toCoding());
    }

    /** States {@code timePoint} on a score Observation, in place of the one it stated. */
    public static void restamp(Observation observation, TimePoint timePoint) {
        observation.getExtension().removeIf(extension -> EXTENSION_URL.equals(extension.getUrl()));
        observation.addExtension(extension(timePoint));
    }

    /** The time point recorded on a score Observation, if any. */
    public static Optional<TimePoint> of(Observation observation) {
        Extension extension = observation.getExtensionByUrl(EXTENSION_URL);
        if (extension == null || !(extension.getValue() instanceof Coding coding)) {
            return Optional.empty();
        }
        return CodedValue.of(TimePoint.class, coding);
    }
}
