package org.peerbridge.mapping.population;

import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.report.MeaningfulChange;

/**
 * Response and remission in a cohort, per instrument, on the reported totals (WHO-5: the 0-100 index).
 * Following the HEDIS depression response and remission measures, both are counted among the participants
 * whose baseline was <em>elevated</em> (a person who starts in remission can neither respond nor remit).
 * PHQ-9 is HEDIS's (elevated at 10 or more, response a drop of at least 50 %, remission below 5); PHQ-2 and
 * GAD-7 follow the same pattern at their own screening cut-offs; UCLA-3 uses its lonely band and a
 * project-defined 2-point drop (there is no published threshold); WHO-5 (higher is better) its poor
 * well-being cut-off and published 10-point change. Sources: docs/outcomes-reporting.md.
 */
public enum ImprovementCriteria {

    PHQ_9(Instrument.PHQ_9, 10, 5, ImprovementCriteria::halvedOrBetter),
    PHQ_2(Instrument.PHQ_2, 3, 3, ImprovementCriteria::halvedOrBetter),
    GAD_7(Instrument.GAD_7, 10, 5, ImprovementCriteria::halvedOrBetter),
    UCLA_3(Instrument.UCLA_3, 6, 6, (baseline, followUp) -> baseline - followUp >= 2),
    /** Higher is better: poor well-being below 52 on the index (raw below 13), remission at 52 or more. */
    WHO_5(Instrument.WHO_5, 52, 52, (baseline, followUp) -> followUp - baseline >= 10);

    private final Instrument instrument;
    private final int cutOff;
    private final int remissionCutOff;
    private final Response response;

    /**
     * @param cutOff          lower is better: a baseline at or above it is elevated (WHO-5: below it)
     * @param remissionCutOff lower is better: a follow-up below it is remission (WHO-5: at or above it)
     */
    ImprovementCriteria(Instrument instrument, int cutOff, int remissionCutOff, Response response) {
        this.instrument = instrument;
        this.cutOff = cutOff;
        this.remissionCutOff = remissionCutOff;
        this.response = response;
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The criteria of an instrument. */
    public static ImprovementCriteria of(Instrument instrument) {
        return valueOf(instrument.name());
    }

    /** Whether a baseline counts in the response and remission denominators. */
    public boolean elevated(int baseline) {
        return higherIsBetter() ? baseline < cutOff : baseline >= cutOff;
    }

    /** Whether the change from an elevated baseline is a response. */
    public boolean responded(int baseline, int followUp) {
        return response.test(baseline, followUp);
    }

    /** Whether a follow-up score is remission. */
    public boolean remitted(int followUp) {
        return higherIsBetter() ? followUp >= remissionCutOff : followUp < remissionCutOff;
    }

    private boolean higherIsBetter() {
        return MeaningfulChange.higherIsBetter(instrument);
    }

    private static boolean halvedOrBetter(int baseline, int followUp) {
        return 2 * followUp <= baseline;
    }

    /** Whether the change from a baseline to a follow-up is a response. */
    @FunctionalInterface
    private interface Response {
        boolean test(int baseline, int followUp);
    }
}
