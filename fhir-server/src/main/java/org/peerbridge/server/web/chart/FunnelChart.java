package org.peerbridge.server.web.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The geometry of the engagement funnel on the program page, drawn as inline SVG: one bar per step (referred,
 * accepted, started, completed), its length the step's share of the referrals, its count written beside it.
 * A suppressed count has no bar but the word "suppressed", so its size cannot be read off the picture.
 */
public record FunnelChart(List<Bar> bars, int height) {

    public static final int WIDTH = 480;
    static final int LABEL_WIDTH = 100;
    static final int ROW = 30;
    /** Room right of the longest bar for its count. */
    static final int COUNT_ROOM = 80;

    /** One step: its bar (no width when suppressed), its name and its count as written. */
    public record Bar(String code, double y, double width, ScoreChart.Label name, ScoreChart.Label count) { }

    /** A step of the funnel and its count; empty when suppressed. */
    public record Step(String code, String label, Optional<Integer> count) { }

    /** @param referred the count every bar is a share of; empty when it is suppressed too (then no bar has a length) */
    public static FunnelChart of(List<Step> steps, Optional<Integer> referred) {
        List<Bar> bars = new ArrayList<>();
        double full = WIDTH - LABEL_WIDTH - COUNT_ROOM;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            double y = 6 + i * ROW;
            double width = step.count().isPresent() && referred.isPresent() && referred.get() > 0
                    ? Scale.round(full * step.count().get() / referred.get()) : 0;
            double middle = Scale.round(y + 11 + ScoreChart.FONT_SIZE / 3);
            bars.add(new Bar(step.code(), y, width, new ScoreChart.Label(LABEL_WIDTH - 8, middle, "end", step.label()),
                    new ScoreChart.Label(LABEL_WIDTH + width + 6, middle, "start", step.count().map(String::valueOf).orElse("suppressed"))));
        }
        return new FunnelChart(bars, 12 + steps.size() * ROW);
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + height;
    }

    public int barLeft() {
        return LABEL_WIDTH;
    }
}
