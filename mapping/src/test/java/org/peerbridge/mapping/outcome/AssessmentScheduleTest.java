package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentScheduleTest {

    private static final LocalDate BASELINE = LocalDate.of(2025, 3, 1);

    @Test
    void theFirstScoredResponseIsTheBaseline() {
        assertEquals(TimePoint.BASELINE, AssessmentSchedule.classify(BASELINE, Optional.empty()));
    }

    @Test
    void aResponseAuthoredBeforeTheCurrentBaselineBecomesTheBaseline() {
        assertEquals(TimePoint.BASELINE, AssessmentSchedule.classify(BASELINE.minusDays(1), Optional.of(BASELINE)));
    }

    /** Windows are target +/- 14 days, inclusive; the days between windows are unscheduled. */
    @ParameterizedTest(name = "baseline + {0} days is {1}")
    @CsvSource({
            "0, UNSCHEDULED", "1, UNSCHEDULED", "15, UNSCHEDULED",
            "16, DAY_30", "30, DAY_30", "44, DAY_30",
            "45, UNSCHEDULED",
            "46, DAY_60", "60, DAY_60", "74, DAY_60",
            "75, UNSCHEDULED",
            "76, DAY_90", "90, DAY_90", "104, DAY_90",
            "105, UNSCHEDULED", "365, UNSCHEDULED"})
    void followUpWindows(int days, TimePoint expected) {
        assertEquals(expected, AssessmentSchedule.classify(BASELINE.plusDays(days), Optional.of(BASELINE)));
    }

    @Test
    void windowsCrossMonthEnds() {
        LocalDate baseline = LocalDate.of(2025, 1, 31);
        assertEquals(TimePoint.DAY_30, AssessmentSchedule.classify(LocalDate.of(2025, 3, 16), Optional.of(baseline)));
        assertEquals(TimePoint.UNSCHEDULED, AssessmentSchedule.classify(LocalDate.of(2025, 3, 17), Optional.of(baseline)));
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
