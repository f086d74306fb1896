package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.AssessmentSchedule.Assessment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentScheduleTest {

    private static final LocalDate BASELINE = LocalDate.of(2025, 3, 1);

    @Test
    void withoutAnAttendedSessionTheEarliestAssessmentIsAProvisionalBaseline() {
        assertEquals(TimePoint.BASELINE, placed(List.of(at("a", BASELINE)), Optional.empty()).get("a"));
        Map<String, TimePoint> placed = placed(List.of(at("later", BASELINE), at("back-dated", BASELINE.minusDays(1))), Optional.empty());
        assertEquals(TimePoint.BASELINE, placed.get("back-dated"), "a response authored before the current baseline becomes the baseline");
        assertEquals(TimePoint.UNSCHEDULED, placed.get("later"));
    }

    @Test
    void ofTwoOnTheBaselineDayTheOneRecordedFirstIsTheBaseline() {
        Map<String, TimePoint> placed = placed(List.of(at("first", BASELINE), at("second", BASELINE)), Optional.empty());
        assertEquals(TimePoint.BASELINE, placed.get("first"));
        assertEquals(TimePoint.UNSCHEDULED, placed.get("second"));
    }

    @Test
    void baselineIsTheAssessmentNearestBeforeTheFirstAttendedSession() {
        LocalDate session = BASELINE.plusDays(10);
        Map<String, TimePoint> placed = placed(List.of(at("old", BASELINE), at("nearest", session.minusDays(2)),
                at("after", session.plusDays(3))), Optional.of(session));
        assertEquals(TimePoint.BASELINE, placed.get("nearest"));
        assertEquals(TimePoint.UNSCHEDULED, placed.get("old"), "before the baseline: unscheduled");
        assertEquals(TimePoint.UNSCHEDULED, placed.get("after"), "5 days after baseline");
    }

    @Test
    void anAssessmentOnTheSessionDayCountsAsBefore() {
        LocalDate session = BASELINE;
        assertEquals(TimePoint.BASELINE, placed(List.of(at("same-day", session), at("next", session.plusDays(1))),
                Optional.of(session)).get("same-day"));
    }

    /** Up to 14 days after the first attended session, inclusive, when nothing came before it. */
    @ParameterizedTest(name = "first assessment {0} days after the first session: {1}")
    @CsvSource({"1, BASELINE", "14, BASELINE", "15, UNSCHEDULED"})
    void baselineUpToFourteenDaysAfterTheFirstSession(int days, TimePoint expected) {
        LocalDate session = BASELINE;
        assertEquals(expected, placed(List.of(at("a", session.plusDays(days))), Optional.of(session)).get("a"));
    }

    @Test
    void withoutABaselineEveryAssessmentIsUnscheduled() {
        LocalDate session = BASELINE;
        Map<String, TimePoint> placed = placed(List.of(at("a", session.plusDays(20)), at("b", session.plusDays(50))), Optional.of(session));
        assertEquals(Map.of("a", TimePoint.UNSCHEDULED, "b", TimePoint.UNSCHEDULED), placed);
    }

    /** Windows are target +/- 14 days, inclusive; the days between windows are unscheduled. */
    @ParameterizedTest(name = "baseline + {0} days is {1}")
    @CsvSource({
            "1, UNSCHEDULED", "15, UNSCHEDULED",
            "16, DAY_30", "30, DAY_30", "44, DAY_30",
            "45, UNSCHEDULED",
            "46, DAY_60", "60, DAY_60", "74, DAY_60",
            "75, UNSCHEDULED",
            "76, DAY_90", "90, DAY_90", "104, DAY_90",
            "105, UNSCHEDULED", "365, UNSCHEDULED"})
    void followUpWindows(int days, TimePoint expected) {
        assertEquals(expected, placed(List.of(at("base", BASELINE), at("x", BASELINE.plusDays(days))), Optional.of(BASELINE)).get("x"));
        assertEquals(expected, placed(List.of(at("base", BASELINE), at("x", BASELINE.plusDays(days))), Optional.empty()).get("x"));
    }

    @Test
    void windowsCrossMonthEnds() {
        LocalDate baseline = LocalDate.of(2025, 1, 31);
        assertEquals(TimePoint.DAY_30, placed(List.of(at("b", baseline), at("x", LocalDate.of(2025, 3, 16))), Optional.empty()).get("x"));
        assertEquals(TimePoint.UNSCHEDULED, placed(List.of(at("b", baseline), at("x", LocalDate.of(2025, 3, 17))), Optional.empty()).get("x"));
    }

    @Test
    void theFirstAttendedSessionIsTheEarliestFinishedOneAsWritten() {
        Encounter attended = session(Encounter.EncounterStatus.FINISHED, "2025-03-05T23:30:00-05:00");
        Encounter earlierButMissed = session(Encounter.EncounterStatus.CANCELLED, "2025-03-01T10:00:00Z");
        Encounter later = session(Encounter.EncounterStatus.FINISHED, "2025-03-20T10:00:00Z");
        assertEquals(Optional.of(LocalDate.of(2025, 3, 5)),
                AssessmentSchedule.firstAttendedSession(List.of(later, earlierButMissed, attended)));
        assertEquals(Optional.empty(), AssessmentSchedule.firstAttendedSession(List.of(earlierButMissed)));
    }

    private static Encounter session(Encounter.EncounterStatus status, String start) {
        Encounter encounter = new Encounter().setStatus(status);
        encounter.getPeriod().setStartElement(new DateTimeType(start));
        return encounter;
    }

    private static Assessment at(String id, LocalDate day) {
        return new Assessment(id, day);
    }

    private static Map<String, TimePoint> placed(List<Assessment> assessments, Optional<LocalDate> firstSession) {
        return AssessmentSchedule.place(assessments, firstSession);
    }

    @Test
    void authoredDateIsTheDateAsWrittenInItsOwnOffset() {
        assertEquals(LocalDate.of(2025, 3, 1), AssessmentSchedule.authoredDate(authored("2025-03-01T23:30:00-05:00")));
        assertEquals(LocalDate.of(2025, 3, 2), AssessmentSchedule.authoredDate(authored("2025-03-02T00:30:00+09:00")));
        assertEquals(LocalDate.of(2025, 3, 1), AssessmentSchedule.authoredDate(authored("2025-03-01")));
        assertThrows(IllegalArgumentException.class, () -> AssessmentSchedule.authoredDate(new QuestionnaireResponse()));
    }

    @Test
    void extensionRoundTrip() {
        Observation observation = new Observation();
        observation.addExtension(AssessmentSchedule.extension(TimePoint.DAY_60));

        Extension extension = observation.getExtensionByUrl("http://peerbridge.org/fhir/StructureDefinition/assessment-time-point");
        Coding coding = (Coding) extension.getValue();
        assertEquals("http://peerbridge.org/fhir/CodeSystem/assessment-time-point", coding.getSystem());
        assertEquals("day-60", coding.getCode());
        assertEquals(Optional.of(TimePoint.DAY_60), AssessmentSchedule.of(observation));
        assertTrue(AssessmentSchedule.of(new Observation()).isEmpty());
    }

    private static QuestionnaireResponse authored(String value) {
        return new QuestionnaireResponse().setAuthoredElement(new DateTimeType(value));
    }
}
