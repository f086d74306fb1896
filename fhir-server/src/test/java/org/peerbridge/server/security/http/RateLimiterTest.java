package org.peerbridge.server.security.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Admission in memory: exact on its own, the other replicas' counts take their share, windows on the database's clock. */
class RateLimiterTest {

    private static final long WINDOW = RateLimiter.windowOf(1_800_000_000_000L);

    private final AtomicLong clock = new AtomicLong(WINDOW + 15_000);

    @Test
    void oneReplicaAdmitsExactlyTheLimitThenTellsWhenTheNextWindowStarts() {
        RateLimiter limiter = new RateLimiter(3, clock::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
        }
        assertEquals(OptionalLong.of(45), limiter.admit("ehr"));
        assertEquals(OptionalLong.empty(), limiter.admit("other-ehr"), "each client has its own count");
        assertEquals(Map.of("ehr", 3, "other-ehr", 1), limiter.ownCounts(WINDOW), "refusals are not counted");

        clock.set(WINDOW + RateLimiter.WINDOW_MILLIS);
        assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
        assertEquals(Map.of("ehr", 1), limiter.ownCounts(WINDOW + RateLimiter.WINDOW_MILLIS), "the last window is forgotten");
    }

    @Test
    void whatTheOtherReplicasCountedTakesItsShareOfTheLimit() {
        RateLimiter limiter = new RateLimiter(5, clock::get);
        limiter.admit("ehr");
        limiter.othersCounted(WINDOW, Map.of("ehr", 3));
        assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
        assertEquals(OptionalLong.of(45), limiter.admit("ehr"), "1 + 1 here and 3 elsewhere reach 5");
        limiter.othersCounted(WINDOW - RateLimiter.WINDOW_MILLIS, Map.of("ehr", 0));
        assertEquals(OptionalLong.of(45), limiter.admit("ehr"), "a sync of an earlier window changes nothing");

        limiter.othersCounted(WINDOW, Map.of("busy-elsewhere", 5));
        assertEquals(OptionalLong.of(45), limiter.admit("busy-elsewhere"), "a client first seen here already used its limit elsewhere");
    }

    @Test
    void windowsFollowTheDatabasesClock() {
        RateLimiter limiter = new RateLimiter(1, clock::get);
        clock.set(WINDOW + 59_000);
        limiter.measured(WINDOW + RateLimiter.WINDOW_MILLIS + 1_000); // the database is two seconds ahead: its next window has begun
        assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
        assertEquals(OptionalLong.of(59), limiter.admit("ehr"), "59 s to the end of the database's window, not 1 s to this clock's");
        assertEquals(Map.of("ehr", 1), limiter.ownCounts(WINDOW + RateLimiter.WINDOW_MILLIS));
    }
}
