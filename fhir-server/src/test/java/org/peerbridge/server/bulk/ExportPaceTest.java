package org.peerbridge.server.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An export's runner rests after each page so that its work is its share of the time. */
class ExportPaceTest {

    @Test
    void theRestMakesThePageTheShareOfWorkAndRest() {
        Duration page = Duration.ofMillis(120);
        assertEquals(Duration.ZERO, new ExportPace(1).restAfter(page), "a share of 1 never rests");
        assertEquals(Duration.ofMillis(120), new ExportPace(0.5).restAfter(page));
        assertEquals(Duration.ofMillis(360), new ExportPace(0.25).restAfter(page));
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> BulkExportSettings.defaults().withShare(share), Double.toString(share));
        }
    }
}
