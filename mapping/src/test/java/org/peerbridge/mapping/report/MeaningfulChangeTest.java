package org.peerbridge.mapping.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerbridge.mapping.outcome.Instrument;

/** Each rule on both sides of its boundary. */
class MeaningfulChangeTest {

    @ParameterizedTest(name = "{0}: {1} -> {2} response {3}")
    @CsvSource({
            "PHQ_9, 20, 15, true", // 5 points
            "PHQ_9, 20, 16, false", // 4 points, 20 %
            "PHQ_9, 8, 4, true", // 4 points but 50 %
            "PHQ_9, 9, 5, false", // 4 points, 44 %
            "PHQ_9, 0, 0, false",
            "PHQ_9, 10, 14, false", // worse
            "GAD_7, 12, 8, true",
            "GAD_7, 12, 9, false",
            "WHO_5, 40, 50, true", // the 0-100 index rises 10
            "WHO_5, 40, 48, false",
            "WHO_5, 60, 40, false"})
    void response(Instrument instrument, int baseline, int latest, boolean expected) {
        assertEquals(Optional.of(expected), MeaningfulChange.response(instrument, baseline, latest));
    }

    @ParameterizedTest(name = "PHQ-9 latest {0}: remission {1}")
    @CsvSource({"4, true", "5, false", "0, true"})
    void phq9Remission(int latest, boolean expected) {
        assertEquals(Optional.of(expected), MeaningfulChange.remission(Instrument.PHQ_9, latest));
    }

    @ParameterizedTest
    @CsvSource({"PHQ_2", "UCLA_3"})
    void noRuleForTheScreens(Instrument instrument) {
        assertEquals(Optional.empty(), MeaningfulChange.response(instrument, 6, 0));
        assertEquals(Optional.empty(), MeaningfulChange.remission(instrument, 0));
    }
}
