package org.peerbridge.server.web.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.population.ProgramOutcomesReport;
import org.peerbridge.server.web.chart.FunnelChart;
import org.peerbridge.server.web.chart.OutcomeChart;

/**
 * What the program page shows, read from the program-outcomes MeasureReport that {@code $program-outcomes}
 * answers the same caller: the page draws that report, group by group, so it cannot show a number the API
 * would not. Suppressed counts and the figures they hide are shown as suppressed, never worked out again.
 */
public record ProgramView(String periodStart, String periodEnd, int minimumCellSize, FunnelChart funnelChart, List<Figure> funnel,
        List<Figure> engagement, List<InstrumentView> instruments) {

    private static final List<String> FUNNEL = List.of("referred", "accepted", "started", "completed", "declined", "cancelled");
    private static final List<String> ENGAGEMENT = List.of("days-to-acceptance", "days-to-first-session", "sessions-per-participant",
            "minutes-per-participant", "no-show-rate", "estimated-cost-saving");
    private static final List<TimePoint> FOLLOW_UPS = List.of(TimePoint.DAY_30, TimePoint.DAY_60, TimePoint.DAY_90);

    /**
     * One figure of the report: the count it is about (empty when suppressed or absent) and its value with its
     * 95 % interval, exactly as the report writes them; {@code unit} is the report's (UCUM, or a currency), and
     * {@code share} says the value is a fraction of a numerator over its denominator.
     */
    public record Figure(String code, String label, Optional<Integer> count, boolean countSuppressed, Optional<BigDecimal> value,
            Optional<BigDecimal> low, Optional<BigDecimal> high, boolean valueSuppressed, String unit, boolean share) {

        /** The value for people: a share as a percentage, a mean with its unit; "suppressed" or "no data". */
        public String shown() {
            return valueSuppressed ? "suppressed" : value.map(this::format).orElse("no data");
        }

        /** "95 % CI low to high", or empty text when the figure has no interval. */
        public String interval() {
            return low.isPresent() && high.isPresent() && !valueSuppressed ? "95 % CI " + format(low.get()) + " to " + format(high.get()) : "";
        }

        /** The count for people: the number, or "suppressed". */
        public String countShown() {
            return countSuppressed ? "suppressed" : count.map(String::valueOf).orElse("0");
        }

        private String format(BigDecimal number) {
            if (share) {
                return number.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
            }
            return switch (unit) {
                case "1", "{score}" -> number.toPlainString();
                case "%" -> number.toPlainString() + " %";
                case "d" -> number.toPlainString() + " days";
                case "min" -> number.toPlainString() + " min";
                default -> number.toPlainString() + " " + unit;
            };
        }

        /** The raw value as the report writes it, for the page's data attributes; empty text when there is none. */
        public String raw() {
            return valueSuppressed ? "" : value.map(BigDecimal::toPlainString).orElse("");
        }
    }

    /** One instrument: a row per follow-up time point, and its chart of the mean percent change. */
    public record InstrumentView(String slug, String label, List<Row> rows, OutcomeChart chart) { }

    /** One follow-up time point of an instrument: the paired participants and each figure. */
    public record Row(String timePoint, String display, Figure meanChange, Figure baselineMean, Figure followUpMean,
            Figure meanPercentChange, Figure response, Figure remission) { }

    public static ProgramView of(MeasureReport report) {
        Map<String, MeasureReportGroupComponent> groups = new LinkedHashMap<>();
        report.getGroup().forEach(group -> groups.put(group.getCode().getCodingFirstRep().getCode(), group));
        List<Figure> funnel = FUNNEL.stream().map(code -> figure(groups.get(code), code)).toList();
        List<Figure> engagement = ENGAGEMENT.stream().map(code -> figure(groups.get(code), code)).toList();
        List<FunnelChart.Step> steps = funnel.subList(0, 4).stream().map(f -> new FunnelChart.Step(f.code(), f.label(), f.count())).toList();
        List<InstrumentView> instruments = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            List<Row> rows = new ArrayList<>();
            for (TimePoint timePoint : FOLLOW_UPS) {
                String prefix = instrument.slug() + "." + timePoint.code() + ".";
                rows.add(new Row(timePoint.code(), timePoint.display(), figure(groups.get(prefix + "mean-change"), prefix + "mean-change"),
                        figure(groups.get(prefix + "baseline-mean"), prefix + "baseline-mean"),
                        figure(groups.get(prefix + "follow-up-mean"), prefix + "follow-up-mean"),
                        figure(groups.get(prefix + "mean-percent-change"), prefix + "mean-percent-change"),
                        figure(groups.get(prefix + "response"), prefix + "response"), figure(groups.get(prefix + "remission"), prefix + "remission")));
            }
            if (rows.stream().anyMatch(row -> row.meanChange().countSuppressed() || row.meanChange().count().orElse(0) > 0)) {
                instruments.add(new InstrumentView(instrument.slug(), instrument.label(), rows, OutcomeChart.of(rows.stream()
                        .map(row -> chartInput(row, instrument)).toList())));
            }
        }
        int minimumCellSize = ((IntegerType) report.getExtensionByUrl(ProgramOutcomesReport.MINIMUM_CELL_SIZE).getValue()).getValue();
        return new ProgramView(report.getPeriod().getStartElement().getValueAsString(), report.getPeriod().getEndElement().getValueAsString(),
                minimumCellSize, FunnelChart.of(steps, funnel.get(0).count()), funnel, engagement, instruments);
    }

    private static OutcomeChart.Input chartInput(Row row, Instrument instrument) {
        Figure change = row.meanPercentChange();
        boolean drawn = !change.valueSuppressed() && change.value().isPresent();
        return new OutcomeChart.Input(row.timePoint(), "day " + row.timePoint().replace("day-", ""),
                drawn ? change.value().get() : null, drawn ? change.low().orElse(null) : null, drawn ? change.high().orElse(null) : null);
    }

    /**
     * A group as a figure: its count is the one it is computed over (the numerator of a share, the measure population
     * of a mean, the initial population of a plain count), its value the measure score.
     */
    private static Figure figure(MeasureReportGroupComponent group, String code) {
        MeasureReportGroupPopulationComponent counted = population(group, "numerator")
                .or(() -> population(group, "measure-population")).or(() -> population(group, "denominator"))
                .orElseGet(() -> group.getPopulationFirstRep());
        IntegerType count = counted.getCountElement();
        Quantity score = group.getMeasureScore();
        boolean scoreSuppressed = score != null && score.hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON);
        Optional<Range> interval = score == null || !score.hasExtension(ProgramOutcomesReport.CONFIDENCE_INTERVAL) ? Optional.empty()
                : Optional.of((Range) score.getExtensionByUrl(ProgramOutcomesReport.CONFIDENCE_INTERVAL).getValue());
        return new Figure(code, group.getCode().getCodingFirstRep().getDisplay(), count.hasValue() ? Optional.of(count.getValue()) : Optional.empty(),
                count.hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON),
                score != null && score.hasValue() ? Optional.of(score.getValue()) : Optional.empty(),
                interval.map(r -> r.getLow().getValue()), interval.map(r -> r.getHigh().getValue()), scoreSuppressed,
                score != null && score.hasCode() ? score.getCode() : "1", population(group, "numerator").isPresent());
    }

    private static Optional<MeasureReportGroupPopulationComponent> population(MeasureReportGroupComponent group, String code) {
        return group.getPopulation().stream().filter(p -> p.getCode().getCodingFirstRep().getCode().equals(code)).findFirst();
    }
}
