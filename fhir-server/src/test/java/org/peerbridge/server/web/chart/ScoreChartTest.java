package org.peerbridge.server.web.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.ScoreBand;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.report.InstrumentProgress;
import org.peerbridge.mapping.report.ScoreReading;

/** Every text of a chart stays inside it: no label cut at an edge, none over the band names. */
class ScoreChartTest {

    @Test
    void timePointLabelsStayInsideThePlotAtBothEnds() {
        ScoreChart chart = ScoreChart.of(progress(Instrument.PHQ_9, reading("2026-01-05", 18, ScoreBand.PHQ9_MODERATELY_SEVERE),
                reading("2026-02-04", 6, ScoreBand.PHQ9_MILD)));

        List<ScoreChart.Label> timePoints = chart.points().stream().map(p -> p.label().orElseThrow()).toList();
        assertEquals(List.of("Baseline", "30 days after baseline"), timePoints.stream().map(ScoreChart.Label::text).toList());
        timePoints.forEach(l -> assertTrue(l.left() >= ScoreChart.LEFT && l.right() <= ScoreChart.PLOT_RIGHT, l.toString()));
        assertEquals("end", timePoints.get(1).anchor(), "the last point's label ends at it");
        allLabels(chart).forEach(l -> assertTrue(l.left() >= 0 && l.right() <= ScoreChart.WIDTH && l.y() >= ScoreChart.FONT_SIZE
                && l.y() <= ScoreChart.HEIGHT, l.toString()));
        chart.bands().forEach(b -> b.label().forEach(l -> assertTrue(l.left() > ScoreChart.PLOT_RIGHT, "band names right of the plot: " + l)));
    }

    @Test
    void aScoreAtTheTopHasItsLabelBelowAndCloseDatesDoNotOverlap() {
        ScoreChart chart = ScoreChart.of(progress(Instrument.PHQ_9, reading("2026-01-05", 27, ScoreBand.PHQ9_SEVERE),
                reading("2026-01-07", 26, ScoreBand.PHQ9_SEVERE), reading("2026-04-06", 3, ScoreBand.PHQ9_MINIMAL)));

        ScoreChart.Point top = chart.points().get(0);
        assertTrue(top.label().orElseThrow().y() > top.y(), "below the point: " + top);
        List<ScoreChart.Label> ticks = chart.xTicks();
        assertEquals(List.of("2026-01-05", "2026-04-06"), ticks.stream().map(ScoreChart.Label::text).toList());
        allLabels(chart).forEach(l -> assertTrue(l.left() >= 0 && l.right() <= ScoreChart.WIDTH && l.y() >= ScoreChart.FONT_SIZE, l.toString()));
    }

    @Test
    void everyInstrumentsBandNamesFitBesideThePlotWithinTheirBand() {
        for (Instrument instrument : Instrument.values()) {
            ScoreChart chart = ScoreChart.of(progress(instrument));
            for (ScoreChart.Band band : chart.bands()) {
                band.label().forEach(l -> assertTrue(l.right() <= ScoreChart.WIDTH, instrument + ": " + l));
                double top = band.label().get(0).y() - ScoreChart.FONT_SIZE;
                double bottom = band.label().get(band.label().size() - 1).y();
                assertTrue(top >= band.y() - 2 && bottom <= band.y() + band.height() + 2, instrument + ": " + band);
            }
        }
    }

    private static List<ScoreChart.Label> allLabels(ScoreChart chart) {
        List<ScoreChart.Label> labels = new ArrayList<>();
        chart.bands().forEach(b -> labels.addAll(b.label()));
        chart.points().forEach(p -> p.label().ifPresent(labels::add));
        labels.addAll(chart.xTicks());
        labels.addAll(chart.yTicks());
        chart.threshold().ifPresent(t -> labels.add(t.label()));
        return labels;
    }

    private static InstrumentProgress progress(Instrument instrument, ScoreReading... readings) {
        return InstrumentProgress.of(instrument, List.of(readings), Optional.empty());
    }

    /** A PHQ-9 reading; the progress places it at its time point. */
    private static ScoreReading reading(String day, int value, ScoreBand band) {
        return new ScoreReading("Observation/" + day, Instrument.PHQ_9, LocalDate.parse(day), day + "T10:00:00Z", value, band,
                TimePoint.UNSCHEDULED);
    }
}
