package org.peerbridge.server.web.chart;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.ScoreBand;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.report.InstrumentProgress;
import org.peerbridge.mapping.report.MeaningfulChange;
import org.peerbridge.mapping.report.ScoreReading;

/**
 * The geometry of one instrument's score-over-time chart, drawn by the page template as inline SVG (no
 * script, no chart library): the instrument's severity bands as shaded rectangles, one point per score at
 * its date, the line joining them, the baseline and follow-up time points labelled, and for PHQ-9 the
 * remission threshold. Coordinates are in the SVG's own units ({@link #WIDTH} x {@link #HEIGHT}).
 */
public record ScoreChart(List<Band> bands, List<Point> points, String line, List<Tick> yTicks, List<Tick> xTicks,
                         Optional<Threshold> threshold) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 260;
    static final int LEFT = 48;
    static final int RIGHT = 16;
    static final int TOP = 12;
    static final int BOTTOM = 40;

    /** A severity band: its rectangle, its label and a shade from least (0) to most (3) concerning. */
    public record Band(double y, double height, String label, int shade) { }

    /** One score: where it is drawn and what it is (the data attributes carry the values for readers and tests). */
    public record Point(double x, double y, int score, LocalDate day, String timePoint, String severity, boolean labelled) { }

    /** An axis label. */
    public record Tick(double position, String label) { }

    /** A horizontal line at a score that means something (PHQ-9 remission: below 5). */
    public record Threshold(double y, String label) { }

    public static ScoreChart of(InstrumentProgress progress) {
        Instrument instrument = progress.instrument();
        int min = instrument.rawMin() * instrument.multiplier();
        int max = instrument.rawMax() * instrument.multiplier();
        Scale y = new Scale(min, max, TOP + plotHeight(), TOP);
        List<Band> bands = new ArrayList<>();
        List<ScoreBand> ordered = instrument.bands();
        for (int i = 0; i < ordered.size(); i++) {
            ScoreBand band = ordered.get(i);
            double low = Math.max(min, band.lowest() * instrument.multiplier() - instrument.multiplier() / 2.0);
            double high = Math.min(max, band.highest() * instrument.multiplier() + instrument.multiplier() / 2.0);
            int concern = MeaningfulChange.higherIsBetter(instrument) ? ordered.size() - 1 - i : i;
            bands.add(new Band(y.at(high), y.at(low) - y.at(high), band.display(), shade(concern, ordered.size())));
        }
        List<ScoreReading> readings = progress.readings();
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Tick> xTicks = new ArrayList<>();
        if (!readings.isEmpty()) {
            LocalDate first = readings.get(0).day();
            long span = Math.max(1, ChronoUnit.DAYS.between(first, readings.get(readings.size() - 1).day()));
            Scale x = new Scale(0, span, LEFT + 24, WIDTH - RIGHT - 24);
            for (ScoreReading reading : readings) {
                double px = readings.size() == 1 ? (LEFT + WIDTH - RIGHT) / 2.0 : x.at(ChronoUnit.DAYS.between(first, reading.day()));
                double py = y.at(reading.value());
                boolean labelled = reading.timePoint() != TimePoint.UNSCHEDULED;
                points.add(new Point(round(px), round(py), reading.value(), reading.day(), reading.timePoint().display(),
                        reading.band().display(), labelled));
                line.append(line.isEmpty() ? "" : " ").append(round(px)).append(',').append(round(py));
                xTicks.add(new Tick(round(px), reading.day().toString()));
            }
        }
        List<Tick> yTicks = new ArrayList<>();
        int step = Math.max(1, (max - min) / 5);
        for (int v = min; v <= max; v += step) {
            yTicks.add(new Tick(round(y.at(v)), Integer.toString(v)));
        }
        Optional<Threshold> threshold = instrument == Instrument.PHQ_9
                ? Optional.of(new Threshold(round(y.at(4.5)), "Remission: below 5")) : Optional.empty();
        return new ScoreChart(bands, points, line.toString(), yTicks, xTicks, threshold);
    }

    /** The SVG's viewBox attribute. */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** 0..3 from least to most concerning, spread over however many bands there are. */
    private static int shade(int concern, int bandCount) {
        return bandCount <= 1 ? 0 : (int) Math.round(concern * 3.0 / (bandCount - 1));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A linear map from data to SVG coordinates. */
    private record Scale(double from, double to, double start, double end) {
        double at(double value) {
            return start + (value - from) / (to - from) * (end - start);
        }
    }
}
