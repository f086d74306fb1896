package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * One figure of the program-outcomes report: a group of the Measure and of each MeasureReport, with the
 * counts it is computed over (each a named cell, see {@link Cells}) and how its score is read from a
 * cohort's summary. Its score is shown only when every one of its counts is.
 *
 * @param populations the MeasureReport population code (initial-population, denominator, numerator,
 *                    measure-population) of each count, with the cell it shows
 * @param unit        UCUM unit of the score ("1" for a share or a count, "d" for days, "{score}" for points, "%"), or
 *                    {@link #CURRENCY}
 * @param reasons     the ending whose reasons stratify this group (declined or cancelled), if any
 */
public record OutcomeGroup(String code, String display, String description, String unit, List<Population> populations,
                           Function<CohortSummary, Optional<Score>> score, Optional<String> reasons) {

    /** The unit of an amount of money: the report writes the configured currency. */
    public static final String CURRENCY = "{currency}";

    /** One population of a group: its MeasureReport code and the cell that counts it. */
    public record Population(String code, String cell) {
    }

    /** Every group, in report order: the funnel and engagement first, then each instrument and time point. */
    public static List<OutcomeGroup> all() {
        List<OutcomeGroup> groups = new ArrayList<>();
        groups.add(count("referred", "Referred", "Referrals in the period (one per ServiceRequest)."));
        groups.add(funnelShare(Cells.ACCEPTED, "Accepted", "Referrals the program accepted (Task accepted or further).",
                f -> f.funnel().accepted(), Optional.empty()));
        groups.add(funnelShare(Cells.STARTED, "Started", "Referrals with at least one attended session.",
                f -> f.funnel().started(), Optional.empty()));
        groups.add(funnelShare(Cells.COMPLETED, "Completed", "Referrals whose Task is completed.",
                f -> f.funnel().completed(), Optional.empty()));
        groups.add(funnelShare(Cells.DECLINED, "Declined", "Referrals the program rejected, by coded reason.",
                f -> f.funnel().declined(), Optional.of(Cells.DECLINED)));
        groups.add(funnelShare(Cells.CANCELLED, "Cancelled", "Referrals cancelled by either side or failed, by coded reason.",
                f -> f.funnel().cancelled(), Optional.of(Cells.CANCELLED)));
        groups.add(new OutcomeGroup("days-to-acceptance", "Median days to acceptance",
                "Median days from the referral's authoredOn to the Task's first accepted (or later) status.", "d",
                List.of(new Population("measure-population", Cells.ACCEPTED)),
                s -> Score.exactly(s.funnel().medianDaysToAcceptance()), Optional.empty()));
        groups.add(new OutcomeGroup("days-to-first-session", "Median days to first session",
                "Median days from the referral's authoredOn to the first attended session.", "d",
                List.of(new Population("measure-population", Cells.STARTED)),
                s -> Score.exactly(s.funnel().medianDaysToFirstSession()), Optional.empty()));
        groups.add(new OutcomeGroup("sessions-per-participant", "Sessions per participant",
                "Mean attended sessions per participant who started, with its 95 % confidence interval.", "1",
                List.of(new Population("measure-population", Cells.STARTED)),
                s -> Score.of(s.funnel().sessionsPerParticipant()), Optional.empty()));
        groups.add(new OutcomeGroup("minutes-per-participant", "Minutes per participant",
                "Mean attended minutes per participant who started, with its 95 % confidence interval.", "min",
                List.of(new Population("measure-population", Cells.STARTED)),
                s -> Score.of(s.funnel().minutesPerParticipant()), Optional.empty()));
        groups.add(new OutcomeGroup("no-show-rate", "No-show rate",
                "No-shows among booked sessions (attended plus no-shows).", "1",
                List.of(new Population("denominator", Cells.BOOKED_SESSIONS), new Population("numerator", Cells.NO_SHOWS)),
                s -> Score.share(s.funnel().noShows()), Optional.empty()));
        groups.add(new OutcomeGroup("estimated-cost-saving", "Estimated cost saving per participant per year (estimate)",
                "An ESTIMATE, not a measurement: the configured medical-cost saving per participant per year, from published"
                        + " evaluations, for each participant who started. Total = score x measure-population.", CURRENCY,
                List.of(new Population("measure-population", Cells.STARTED)),
                s -> Optional.of(new Score(s.cost().perParticipantYear().doubleValue(), Optional.empty(), Optional.empty())),
                Optional.empty()));
        for (Instrument instrument : Instrument.values()) {
            for (TimePoint timePoint : InstrumentOutcome.FOLLOW_UPS) {
                groups.addAll(instrumentGroups(instrument, timePoint));
            }
        }
        return groups;
    }

    private static OutcomeGroup count(String code, String display, String description) {
        return new OutcomeGroup(code, display, description, "1", List.of(new Population("initial-population", Cells.REFERRED)),
                s -> Optional.empty(), Optional.empty());
    }

    private static OutcomeGroup funnelShare(String cell, String display, String description, Function<CohortSummary, Long> count,
                                            Optional<String> reasons) {
        return new OutcomeGroup(cell, display, description + " Score: the share of referrals.", "1",
                List.of(new Population("initial-population", Cells.REFERRED), new Population("numerator", cell)),
                s -> Score.share(new Share(count.apply(s), s.funnel().referred())), reasons);
    }

    private static List<OutcomeGroup> instrumentGroups(Instrument instrument, TimePoint timePoint) {
        String prefix = instrument.slug() + "." + timePoint.code() + ".";
        String label = instrument.label() + ", " + timePoint.display().toLowerCase() + ": ";
        Function<CohortSummary, InstrumentOutcome> outcome = s -> s.outcome(instrument, timePoint);
        List<Population> paired = List.of(new Population("initial-population", Cells.withBaseline(instrument)),
                new Population("measure-population", Cells.at(instrument, timePoint, Cells.PAIRED)));
        List<Population> elevated = List.of(new Population("initial-population", Cells.at(instrument, timePoint, Cells.PAIRED)),
                new Population("denominator", Cells.at(instrument, timePoint, Cells.ELEVATED)));
        String points = instrument == Instrument.WHO_5 ? "index points (0-100)" : "score points";
        return List.of(
                new OutcomeGroup(prefix + "baseline-mean", label + "baseline mean",
                        "Mean baseline score of the participants with a baseline and this follow-up, with its 95 % CI.", "{score}",
                        paired, s -> Score.of(outcome.apply(s).baselineMean()), Optional.empty()),
                new OutcomeGroup(prefix + "follow-up-mean", label + "follow-up mean",
                        "Mean score at this time point of the same participants, with its 95 % CI.", "{score}",
                        paired, s -> Score.of(outcome.apply(s).followUpMean()), Optional.empty()),
                new OutcomeGroup(prefix + "mean-change", label + "mean change",
                        "Mean of follow-up minus baseline, in " + points + ", with its 95 % CI.", "{score}",
                        paired, s -> Score.of(outcome.apply(s).meanChange()), Optional.empty()),
                new OutcomeGroup(prefix + "mean-percent-change", label + "mean percent change",
                        "Mean of (follow-up - baseline) / baseline x 100 over those with a baseline above zero, with its 95 % CI.", "%",
                        List.of(new Population("initial-population", Cells.withBaseline(instrument)),
                                new Population("measure-population", Cells.at(instrument, timePoint, Cells.NON_ZERO_BASELINE))),
                        s -> Score.of(outcome.apply(s).meanPercentChange()), Optional.empty()),
                new OutcomeGroup(prefix + "response", label + "response",
                        "Share responding (docs/outcomes-reporting.md) among the paired participants with an elevated baseline.", "1",
                        plus(elevated, new Population("numerator", Cells.at(instrument, timePoint, Cells.RESPONSE))),
                        s -> Score.share(outcome.apply(s).response()), Optional.empty()),
                new OutcomeGroup(prefix + "remission", label + "remission",
                        "Share in remission at this time point among the paired participants with an elevated baseline.", "1",
                        plus(elevated, new Population("numerator", Cells.at(instrument, timePoint, Cells.REMISSION))),
                        s -> Score.share(outcome.apply(s).remission()), Optional.empty()));
    }

    private static List<Population> plus(List<Population> populations, Population more) {
        List<Population> all = new ArrayList<>(populations);
        all.add(more);
        return all;
    }
}
