package org.peerbridge.mapping.report;

import java.util.Optional;
import org.peerbridge.mapping.outcome.Instrument;

/**
 * What counts as a clinically meaningful change per instrument (domain.md "Clinically meaningful change",
 * sources in docs/outcomes.md): PHQ-9 response is a drop of at least 50 % or at least 5 points and
 * remission a score below 5; GAD-7 response is a drop of at least 4 points; WHO-5 response is a rise of
 * at least 10 on the 0-100 index. PHQ-2 and UCLA-3 have no such rule here, and only PHQ-9 has remission.
 * Scores are the reported totals (WHO-5: the 0-100 index).
 */
public final class MeaningfulChange {

    private MeaningfulChange() {
    }

    /** Whether a higher score is better (WHO-5); for the others lower is better. */
    public static boolean higherIsBetter(Instrument instrument) {
        return instrument == Instrument.WHO_5;
    }

    /** Response (meaningful improvement) from baseline to latest; empty when the instrument has no rule. */
    public static Optional<Boolean> response(Instrument instrument, int baseline, int latest) {
        int improvement = higherIsBetter(instrument) ? latest - baseline : baseline - latest;
        return switch (instrument) {
            case PHQ_9 -> Optional.of(improvement >= 5 || (baseline > 0 && improvement * 2 >= baseline));
            case GAD_7 -> Optional.of(improvement >= 4);
            case WHO_5 -> Optional.of(improvement >= 10);
            case PHQ_2, UCLA_3 -> Optional.empty();
        };
    }

    /** Remission at the latest score; empty when the instrument has no rule. */
    public static Optional<Boolean> remission(Instrument instrument, int latest) {
        return instrument == Instrument.PHQ_9 ? Optional.of(latest < 5) : Optional.empty();
    }
}
