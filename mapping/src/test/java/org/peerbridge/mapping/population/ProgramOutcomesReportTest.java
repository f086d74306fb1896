package org.peerbridge.mapping.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.population.Cohorts.participant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.examples.R4Validation;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/** The MeasureReport says what the statistics say; the Measure and OperationDefinition are valid R4. */
class ProgramOutcomesReportTest {

    @Test
    void theReportStatesEachFigureAndMasksSmallCells() {
        List<Participant> cohort = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            cohort.add(participant("p" + i).acceptedAfter(2).startedAfter(6, 4, 1, 200)
                    .score(Instrument.PHQ_9, TimePoint.BASELINE, 14).score(Instrument.PHQ_9, TimePoint.DAY_90, 4 + i % 5)
                    .in(Stratifier.AGE_BAND, i < 20 ? "25-34" : "65-and-over").build());
        }
        ProgramOutcomes outcomes = ProgramOutcomes.of(cohort, EnumSet.of(Stratifier.AGE_BAND), ReportSettings.DEFAULTS);

        MeasureReport report = ProgramOutcomesReport.of(outcomes, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31),
                "Organization/program", new Date());

        assertEquals(List.of(), R4Validation.errors(ProgramOutcomesReport.of(ProgramOutcomes.of(cohort, EnumSet.noneOf(Stratifier.class),
                ReportSettings.DEFAULTS), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), "Organization/program", new Date())),
                "errors of the report without strata (the same elements, fewer of them)");
        MeasureReportGroupComponent change = group(report, "phq-9.day-90.mean-change");
        assertEquals(24, change.getPopulation().get(1).getCount());
        Quantity score = change.getMeasureScore();
        assertEquals(-8.08, score.getValue().doubleValue(), 1e-9); // 14 to 4..8: (120 + 22) / 24 - 14, to 2 decimals
        Range interval = (Range) score.getExtensionByUrl(ProgramOutcomesReport.CONFIDENCE_INTERVAL).getValue();
        assertTrue(interval.getLow().getValue().doubleValue() < -8.08 && interval.getHigh().getValue().doubleValue() > -8.08);
        var strata = change.getStratifierFirstRep().getStratum();
        assertEquals("25-34", strata.get(0).getValue().getText());
        assertTrue(strata.get(1).getPopulation().get(1).getCountElement().hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON),
                "4 people over 65");
        assertTrue(strata.get(1).getMeasureScore().hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON));
        assertFalse(strata.get(0).getPopulation().get(1).getCountElement().hasValue(), "else 24 - 20 gives the 4 away");
        assertFalse(group(report, "gad-7.day-30.mean-change").hasMeasureScore(), "no GAD-7 scores: no figure");
        assertEquals(0, group(report, "gad-7.day-30.mean-change").getPopulationFirstRep().getCount(), "zero is shown");
        assertEquals(615.0, group(report, "estimated-cost-saving").getMeasureScore().getValue().doubleValue());
    }

    @Test
    void theMeasureAndTheOperationAreValid() {
        assertEquals(List.of(), R4Validation.errors(ProgramOutcomesConformance.measure()));
        assertEquals(List.of(), R4Validation.errors(ProgramOutcomesConformance.operation()));
        assertEquals(OutcomeGroup.all().size(), ProgramOutcomesConformance.measure().getGroup().size());
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String code) {
        return report.getGroup().stream().filter(g -> g.getCode().getCodingFirstRep().getCode().equals(code)).findFirst().orElseThrow();
    }
}
