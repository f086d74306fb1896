package org.peerbridge.server.web.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of one instrument's chart on the program page, drawn by the template as inline SVG: the mean
 * percent change from baseline at each follow-up time point, a point with its 95 % confidence interval as a
 * whisker, against a line at no change. A time point without a figure (nobody paired, or the figure
 * suppressed) has no point; the table under the chart says why. Coordinates are in the SVG's own units.
 */
public record OutcomeChart(List<Marker> markers, double zeroY, List<ScoreChart.Label> yTicks, List<ScoreChart.Label> xTicks) {

    public static final int WIDTH = 480;
    public static final int HEIGHT = 220;
    static final int LEFT = 56;
    static final int RIGHT = 460;
    static final int TOP = 14;
    static final int BOTTOM = 40;

    /** One time point's figure: where it is drawn, and the values it shows (as the report writes them). */
    public record Marker(double x, double y, double lowY, double highY, String timePoint, String value, String low, String high) { }

    /** A time point and its figure, if it has one: the mean percent change and its interval. */
    public record Input(String timePoint, String label, BigDecimal value, BigDecimal low, BigDecimal high) {

        boolean drawn() {
            return value != null && low != null && high != null;
        }
    }

    public static OutcomeChart of(List<Input> timePoints) {
        double lowest = 0;
        double highest = 0;
        for (Input input : timePoints) {
            if (input.drawn()) {
                lowest = Math.min(lowest, input.low().doubleValue());
                highest = Math.max(highest, input.high().doubleValue());
            }
        }
        double step = step(highest - lowest);
        double bottom = Math.floor(lowest / step) * step;
        double top = Math.ceil(highest / step) * step;
        if (top == bottom) {
            top += step;
        }
        Scale y = new Scale(bottom, top, HEIGHT - BOTTOM, TOP);
        Scale x = new Scale(0, Math.max(1, timePoints.size() - 1), LEFT + 50, RIGHT - 50);
        List<Marker> markers = new ArrayList<>();
        List<ScoreChart.Label> xTicks = new ArrayList<>();
        for (int i = 0; i < timePoints.size(); i++) {
            Input input = timePoints.get(i);
            double px = Scale.round(timePoints.size() == 1 ? (LEFT + RIGHT) / 2.0 : x.at(i));
            xTicks.add(new ScoreChart.Label(px, HEIGHT - 20, "middle", input.label()));
            if (input.drawn()) {
                markers.add(new Marker(px, Scale.round(y.at(input.value().doubleValue())), Scale.round(y.at(input.low().doubleValue())),
                        Scale.round(y.at(input.high().doubleValue())), input.timePoint(), input.value().toPlainString(),
                        input.low().toPlainString(), input.high().toPlainString()));
            }
        }
        List<ScoreChart.Label> yTicks = new ArrayList<>();
        for (double v = bottom; v <= top + step / 2; v += step) {
            yTicks.add(new ScoreChart.Label(LEFT - 6, Scale.round(y.at(v) + ScoreChart.FONT_SIZE / 3), "end", Math.round(v) + " %"));
        }
        return new OutcomeChart(markers, Scale.round(y.at(0)), yTicks, xTicks);
    }

    /** A round tick step giving four to ten ticks over the range. */
    private static double step(double range) {
        for (double step : new double[] {5, 10, 20, 25, 50, 100}) {
            if (range / step <= 8) {
                return step;
            }
        }
        return 200;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return RIGHT;
    }
}
