package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * What a cohort achieved: its engagement funnel, each instrument at each follow-up time point, and the
 * estimated cost saving. Pure: the same participants give the same summary.
 */
public record CohortSummary(long participants, EngagementFunnel funnel, List<InstrumentOutcome> instruments, CostEstimate cost) {

    public static CohortSummary of(List<Participant> participants, ReportSettings settings) {
        List<InstrumentOutcome> instruments = new ArrayList<>();
        for (Instrument instrument : Instrument.values()) {
            for (TimePoint timePoint : InstrumentOutcome.FOLLOW_UPS) {
                instruments.add(InstrumentOutcome.of(instrument, timePoint, participants));
            }
        }
        EngagementFunnel funnel = EngagementFunnel.of(participants);
        return new CohortSummary(participants.size(), funnel, instruments, CostEstimate.of(settings, funnel.started()));
    }

    /** The outcome of one instrument at one follow-up time point. */
    public InstrumentOutcome outcome(Instrument instrument, TimePoint timePoint) {
        return instruments.stream().filter(o -> o.instrument() == instrument && o.timePoint() == timePoint).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a follow-up time point: " + timePoint));
    }

    /**
     * Adds this summary's counts to {@code table}, each named by {@code key} from its cell name (see
     * {@link Cells}), with the sums that tie them together.
     *
     * @param reasons the decline and cancellation reasons to give a cell each, also where this cohort has none
     *                (so that strata add up to the whole, reason by reason)
     */
    public <K> void addCells(CellTable<K> table, Function<String, K> key, Reasons reasons) {
        EngagementFunnel f = funnel;
        BiConsumer<String, Long> shown = (name, value) -> table.published(key.apply(name), value);
        BiConsumer<String, Long> derived = (name, value) -> table.unpublished(key.apply(name), value);
        shown.accept(Cells.REFERRED, f.referred());
        shown.accept(Cells.ACCEPTED, f.accepted());
        shown.accept(Cells.STARTED, f.started());
        shown.accept(Cells.COMPLETED, f.completed());
        shown.accept(Cells.DECLINED, f.declined());
        shown.accept(Cells.CANCELLED, f.cancelled());
        derived.accept("referred-not-accepted", f.referred() - f.accepted());
        derived.accept("accepted-not-started", f.accepted() - f.started());
        derived.accept("open", f.referred() - f.completed() - f.declined() - f.cancelled());
        table.sum(key.apply(Cells.REFERRED), List.of(key.apply(Cells.ACCEPTED), key.apply("referred-not-accepted")));
        table.sum(key.apply(Cells.ACCEPTED), List.of(key.apply(Cells.STARTED), key.apply("accepted-not-started")));
        table.sum(key.apply(Cells.REFERRED), List.of(key.apply(Cells.COMPLETED), key.apply(Cells.DECLINED),
                key.apply(Cells.CANCELLED), key.apply("open")));
        addReasons(table, key, Cells.DECLINED, reasons.declined(), f.declinedByReason(), shown);
        addReasons(table, key, Cells.CANCELLED, reasons.cancelled(), f.cancelledByReason(), shown);
        shown.accept(Cells.BOOKED_SESSIONS, f.noShows().denominator());
        shown.accept(Cells.NO_SHOWS, f.noShows().numerator());
        derived.accept("attended-sessions", f.noShows().denominator() - f.noShows().numerator());
        table.sum(key.apply(Cells.BOOKED_SESSIONS), List.of(key.apply(Cells.NO_SHOWS), key.apply("attended-sessions")));
        for (InstrumentOutcome o : instruments) {
            String baseline = Cells.withBaseline(o.instrument());
            if (!table.values().containsKey(key.apply(baseline))) {
                shown.accept(baseline, o.withBaseline());
            }
            Function<String, String> at = count -> Cells.at(o.instrument(), o.timePoint(), count);
            shown.accept(at.apply(Cells.PAIRED), o.paired());
            shown.accept(at.apply(Cells.ELEVATED), o.elevated());
            shown.accept(at.apply(Cells.NON_ZERO_BASELINE), o.nonZeroBaseline());
            shown.accept(at.apply(Cells.RESPONSE), o.response().numerator());
            shown.accept(at.apply(Cells.REMISSION), o.remission().numerator());
            derived.accept(at.apply("baseline-only"), o.withBaseline() - o.paired());
            derived.accept(at.apply("not-elevated"), o.paired() - o.elevated());
            derived.accept(at.apply("zero-baseline"), o.paired() - o.nonZeroBaseline());
            derived.accept(at.apply("no-response"), o.elevated() - o.response().numerator());
            derived.accept(at.apply("no-remission"), o.elevated() - o.remission().numerator());
            Function<String, K> cell = count -> key.apply(at.apply(count));
            table.sum(key.apply(baseline), List.of(cell.apply(Cells.PAIRED), cell.apply("baseline-only")));
            table.sum(cell.apply(Cells.PAIRED), List.of(cell.apply(Cells.ELEVATED), cell.apply("not-elevated")));
            table.sum(cell.apply(Cells.PAIRED), List.of(cell.apply(Cells.NON_ZERO_BASELINE), cell.apply("zero-baseline")));
            table.sum(cell.apply(Cells.ELEVATED), List.of(cell.apply(Cells.RESPONSE), cell.apply("no-response")));
            table.sum(cell.apply(Cells.ELEVATED), List.of(cell.apply(Cells.REMISSION), cell.apply("no-remission")));
        }
    }

    private static <K> void addReasons(CellTable<K> table, Function<String, K> key, String ending,
                                       Set<String> reasons, Map<String, Long> counts, BiConsumer<String, Long> shown) {
        if (reasons.isEmpty()) {
            return;
        }
        List<K> parts = new ArrayList<>();
        for (String reason : reasons) {
            shown.accept(Cells.reason(ending, reason), counts.getOrDefault(reason, 0L));
            parts.add(key.apply(Cells.reason(ending, reason)));
        }
        table.sum(key.apply(ending), parts);
    }

    /** Every decline and cancellation reason that occurs in a cohort, each in sorted order. */
    public record Reasons(Set<String> declined, Set<String> cancelled) {

        public static Reasons of(EngagementFunnel funnel) {
            return new Reasons(new TreeSet<>(funnel.declinedByReason().keySet()), new TreeSet<>(funnel.cancelledByReason().keySet()));
        }
    }
}
