package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerServiceUnitsTest {

    /** CMS Pub. 100-04 Ch. 5 §20.2: 8-22 min = 1, 23-37 = 2, 38-52 = 3, 53-67 = 4, ... */
    @ParameterizedTest(name = "{0} min -> {1} units")
    @CsvSource({"0, 0", "1, 0", "7, 0", "8, 1", "15, 1", "22, 1", "23, 2", "30, 2", "37, 2", "38, 3", "45, 3", "52, 3",
            "53, 4", "60, 4", "67, 4", "68, 5", "90, 6", "120, 8", "127, 8", "128, 9"})
    void unitsFollowTheMidpointRule(long minutes, int units) {
        assertEquals(units, PeerServiceUnits.units(minutes));
    }

    @Test
    void aUnitNeedsMoreThanHalfOfFifteenMinutes() {
        assertEquals(15, PeerServiceUnits.MINUTES_PER_UNIT);
        assertEquals(8, PeerServiceUnits.MINUTES_FOR_A_UNIT);
    }

    @Test
    void negativeMinutesAreAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> PeerServiceUnits.units(-1));
    }
}
