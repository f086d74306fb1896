package org.peerbridge.server.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry delays: exponential from the base, never above the cap. */
class SubscriptionSettingsTest {

    @Test
    void eachFailureDoublesTheDelayUpToTheCap() {
        SubscriptionSettings config = SubscriptionSettings.defaults().withRetry(Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(2), config.retryDelay(1));
        assertEquals(Duration.ofSeconds(4), config.retryDelay(2));
        assertEquals(Duration.ofSeconds(8), config.retryDelay(3));
        assertEquals(Duration.ofSeconds(256), config.retryDelay(8));
        assertEquals(Duration.ofMinutes(5), config.retryDelay(9));
        assertEquals(Duration.ofMinutes(5), config.retryDelay(1000));
    }
}
