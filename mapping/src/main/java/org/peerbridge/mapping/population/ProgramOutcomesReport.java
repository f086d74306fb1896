package org.peerbridge.mapping.population;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.population.ProgramOutcomes.CellKey;

/**
 * Writes {@link ProgramOutcomes} as a summary MeasureReport of the program-outcomes Measure: one group per
 * {@link OutcomeGroup}, its population counts and score, and the same for each stratum. A hidden count,
 * and the score of a group any of whose counts is hidden, carry the data-absent-reason {@code masked}
 * instead of a value; every mean carries its 95 % interval in the confidence-interval extension.
 */
public final class ProgramOutcomesReport {

    public static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    public static final String CONFIDENCE_INTERVAL = "http://peerbridge.org/fhir/StructureDefinition/confidence-interval-95";
    /** The minimum cell size the report was suppressed with, on the MeasureReport. */
    public static final String MINIMUM_CELL_SIZE = "http://peerbridge.org/fhir/StructureDefinition/minimum-cell-size";

    private ProgramOutcomesReport() {
    }

    /**
     * @param start, end the period asked for, or else the first and last referral day (today when there is none)
     * @param reporter   the program's Organization reference
     */
    public static MeasureReport of(ProgramOutcomes outcomes, LocalDate start, LocalDate end, String reporter, Date now) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(ProgramOutcomesConformance.MEASURE_URL);
        report.setDate(now);
        report.setReporter(new Reference(reporter));
        report.getPeriod().setStartElement(new DateTimeType(start.toString())).setEndElement(new DateTimeType(end.toString()));
        report.addExtension(new Extension(MINIMUM_CELL_SIZE, new IntegerType(outcomes.settings().minimumCellSize())));
        for (OutcomeGroup definition : OutcomeGroup.all()) {
            MeasureReportGroupComponent group = report.addGroup().setCode(ProgramOutcomesConformance.groupCode(definition));
            boolean shown = true;
            for (OutcomeGroup.Population population : definition.populations()) {
                CellKey key = CellKey.overall(population.cell());
                shown &= count(group.addPopulation().setCode(ProgramOutcomesConformance.populationCode(population.code()))
                        .getCountElement(), outcomes, key);
            }
            group.setMeasureScore(score(definition, definition.score().apply(outcomes.overall()), shown, outcomes.settings()));
            outcomes.strata().forEach((stratifier, strata) -> {
                MeasureReportGroupStratifierComponent component = group.addStratifier();
                component.addCode(ProgramOutcomesConformance.stratifierCode(stratifier.code(), stratifier.display()));
                strata.forEach((value, summary) -> addStratum(component, definition, outcomes, stratifier, value, summary));
            });
            definition.reasons().ifPresent(ending -> addReasons(group, outcomes, ending));
        }
        return report;
    }

    private static void addStratum(MeasureReportGroupStratifierComponent component, OutcomeGroup definition, ProgramOutcomes outcomes,
                                   Stratifier stratifier, String value, CohortSummary summary) {
        var stratum = component.addStratum().setValue(new CodeableConcept().setText(value));
        boolean shown = true;
        for (OutcomeGroup.Population population : definition.populations()) {
            shown &= count(stratum.addPopulation().setCode(ProgramOutcomesConformance.populationCode(population.code()))
                    .getCountElement(), outcomes, new CellKey(stratifier, value, population.cell()));
        }
        stratum.setMeasureScore(score(definition, definition.score().apply(summary), shown, outcomes.settings()));
    }

    /** The declined or cancelled group's coded reasons: how many of the whole cohort ended for each. */
    private static void addReasons(MeasureReportGroupComponent group, ProgramOutcomes outcomes, String ending) {
        MeasureReportGroupStratifierComponent component = group.addStratifier();
        component.addCode(ProgramOutcomesConformance.stratifierCode(ProgramOutcomesConformance.REASON, "Coded reason"));
        Map<String, Long> reasons = Cells.DECLINED.equals(ending) ? outcomes.overall().funnel().declinedByReason()
                : outcomes.overall().funnel().cancelledByReason();
        for (String reason : reasons.keySet()) {
            var stratum = component.addStratum().setValue(new CodeableConcept().setText(reason));
            count(stratum.addPopulation().setCode(ProgramOutcomesConformance.populationCode("numerator")).getCountElement(),
                    outcomes, CellKey.overall(Cells.reason(ending, reason)));
        }
    }

    /** Sets the count, or masks it; true when it is shown. */
    private static boolean count(IntegerType count, ProgramOutcomes outcomes, CellKey key) {
        if (outcomes.hidden().contains(key)) {
            count.addExtension(masked());
            return false;
        }
        count.setValue((int) outcomes.cells().value(key));
        return true;
    }

    private static Quantity score(OutcomeGroup group, Optional<Score> score, boolean shown, ReportSettings settings) {
        if (score.isEmpty()) {
            return null;
        }
        if (!shown) {
            Quantity quantity = new Quantity();
            quantity.addExtension(masked());
            return quantity;
        }
        Score value = score.get();
        Quantity quantity = quantity(group, value.value(), settings);
        if (value.low().isPresent() && value.high().isPresent()) {
            Range interval = new Range().setLow(quantity(group, value.low().get(), settings))
                    .setHigh(quantity(group, value.high().get(), settings));
            quantity.addExtension(new Extension(CONFIDENCE_INTERVAL, interval));
        }
        return quantity;
    }

    /** A value in the group's unit (UCUM), or in the configured currency (ISO 4217); shares to 4 decimals, the rest to 2. */
    private static Quantity quantity(OutcomeGroup group, double value, ReportSettings settings) {
        boolean money = OutcomeGroup.CURRENCY.equals(group.unit());
        BigDecimal rounded = BigDecimal.valueOf(value).setScale("1".equals(group.unit()) ? 4 : 2, RoundingMode.HALF_UP);
        return new Quantity().setValue(rounded).setUnit(money ? settings.currency() : group.unit())
                .setSystem(money ? "urn:iso:std:iso:4217" : CodeSystems.UCUM).setCode(money ? settings.currency() : group.unit());
    }

    private static Extension masked() {
        return new Extension(DATA_ABSENT_REASON, new CodeType("masked"));
    }
}
