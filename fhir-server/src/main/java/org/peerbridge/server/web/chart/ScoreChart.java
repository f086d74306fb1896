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
 * script, no chart library): the instrument's severity bands as shaded rectangles named in a column right of
 * the plot, one point per score at its date, the line joining them, the baseline and follow-up time points
 * labelled, and for PHQ-9 the remission threshold. Coordinates are in the SVG's own units ({@link #WIDTH} x
 * {@link #HEIGHT}). Every text is placed here, where its width is estimated, so none runs past the chart's
 * edges or over the band names.
 */
public record ScoreChart(List<Band> bands, List<Point> points, String line, List<Label> yTicks, List<Label> xTicks,
                         Optional<Threshold> threshold) {

    public static final int WIDTH = 760;
    public static final int HEIGHT = 260;
    static final int LEFT = 48;
    /** Right edge of the plot; the band names sit between it and {@link #WIDTH}. */
    static final int PLOT_RIGHT = 560;
    static final int TOP = 14;
    static final int BOTTOM = 40;
    /** Room between a point and the plot's sides, so the first and last points are not on the edge. */
    private static final int INSET = 24;
    /** The pages' chart font size (peerbridge.css), in SVG units. */
    static final double FONT_SIZE = 11;

    /** A severity band: its rectangle, its name (in as many lines as it needs) and a shade from least (0) to most (3) concerning. */
    public record Band(double y, double height, List<Label> label, int shade) { }

    /** One score: where it is drawn and what it is (the data attributes carry the values for readers and tests). */
    public record Point(double x, double y, int score, LocalDate day, String timePoint, String severity, Optional<Label> label) { }

    /** A text and where it is drawn: x is its start, middle or end as {@code anchor} says (SVG text-anchor). */
    public record Label(double x, double y, String anchor, String text) {

        /** The estimated left and right edges of the drawn text: a sans-serif character is at most about 0.6 em wide. */
        public double left() {
            return x - width() * switch (anchor) {
                case "end" -> 1.0;
                case "middle" -> 0.5;
                default -> 0.0;
            };
        }

        public double right() {
            return left() + width();
        }

        double width() {
            return text.length() * FONT_SIZE * 0.6;
        }
    }

    /** A horizontal line at a score that means something (PHQ-9 remission: below 5). */
    public record Threshold(double y, Label label) { }

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
            double top = y.at(high);
            double height = y.at(low) - top;
            bands.add(new Band(round(top), round(height), bandName(band.display(), top + height / 2), shade(concern, ordered.size())));
        }
        List<ScoreReading> readings = progress.readings();
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        List<Label> xTicks = new ArrayList<>();
        if (!readings.isEmpty()) {
            LocalDate first = readings.get(0).day();
            long span = Math.max(1, ChronoUnit.DAYS.between(first, readings.get(readings.size() - 1).day()));
            Scale x = new Scale(0, span, LEFT + INSET, PLOT_RIGHT - INSET);
            for (ScoreReading reading : readings) {
                double px = round(readings.size() == 1 ? (LEFT + PLOT_RIGHT) / 2.0 : x.at(ChronoUnit.DAYS.between(first, reading.day())));
                double py = round(y.at(reading.value()));
                Optional<Label> label = reading.timePoint() == TimePoint.UNSCHEDULED ? Optional.empty()
                        : Optional.of(timePointLabel(px, py, reading.timePoint().display()));
                points.add(new Point(px, py, reading.value(), reading.day(), reading.timePoint().display(), reading.band().display(), label));
                line.append(line.isEmpty() ? "" : " ").append(px).append(',').append(py);
                Label tick = new Label(px, HEIGHT - 20, "middle", reading.day().toString());
                if (xTicks.isEmpty() || tick.left() > xTicks.get(xTicks.size() - 1).right() + 4) {
                    xTicks.add(tick); // a date that would overlap the one before is left to the table
                }
            }
        }
        List<Label> yTicks = new ArrayList<>();
        int step = Math.max(1, (max - min) / 5);
        for (int v = min; v <= max; v += step) {
            yTicks.add(new Label(LEFT - 6, round(y.at(v) + FONT_SIZE / 3), "end", Integer.toString(v)));
        }
        Optional<Threshold> threshold = instrument == Instrument.PHQ_9
                ? Optional.of(new Threshold(round(y.at(4.5)), new Label(LEFT + 4, round(y.at(4.5) - 3), "start", "Remission: below 5")))
                : Optional.empty();
        return new ScoreChart(bands, points, line.toString(), yTicks, xTicks, threshold);
    }

    /** A band's name right of the plot, in lines that fit beside it, centred on the band's middle. */
    private static List<Label> bandName(String name, double middle) {
        List<String> lines = new ArrayList<>();
        for (String word : name.split(" ")) {
            int last = lines.size() - 1;
            if (last >= 0 && new Label(0, 0, "start", lines.get(last) + " " + word).right() <= WIDTH - PLOT_RIGHT - 8) {
                lines.set(last, lines.get(last) + " " + word);
            } else {
                lines.add(word);
            }
        }
        double lineHeight = FONT_SIZE * 1.2;
        double first = middle - (lines.size() - 1) * lineHeight / 2 + FONT_SIZE / 3;
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            labels.add(new Label(PLOT_RIGHT + 6, round(first + i * lineHeight), "start", lines.get(i)));
        }
        return labels;
    }

    /**
     * A time point's name above its point (below it when the point is at the top), centred, or ending at the
     * point near the plot's right side and starting at it near the left, so that it stays inside the plot.
     */
    private static Label timePointLabel(double px, double py, String text) {
        double y = py - 9 < TOP + FONT_SIZE ? py + 9 + FONT_SIZE : py - 9;
        Label centred = new Label(px, round(y), "middle", text);
        if (centred.right() > PLOT_RIGHT - 2) {
            return new Label(round(px + 6), round(y), "end", text);
        }
        if (centred.left() < LEFT + 2) {
            return new Label(round(px - 6), round(y), "start", text);
        }
        return centred;
    }

    /** The SVG's viewBox attribute. */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return PLOT_RIGHT;
    }

    public int plotWidth() {
        return PLOT_RIGHT - LEFT;
    }

    static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** 0..3 from least to most concerning, spread over however many bands there are. */
    private static int shade(int concern, int bandCount) {
        return bandCount <= 1 ? 0 : (int) Math.round(concern * 3.0 / (bandCount - 1));
    }

    private static double round(double value) {
        return Scale.round(value);
    }
}
