package org.peerbridge.server.security.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.support.TestDatabase;

/**
 * Two replicas' limiters on one database, synced by hand: each writes only its own row per client and
 * window, and admits what the other has not used. (Windows follow the database's clock, which the
 * first sync reads; the local clock stands still so a window can change only at a sync.)
 */
class RateLimitSyncTest {

    private final TestDatabase.Opened opened = TestDatabase.open();
    private final RateLimiter first = new RateLimiter(5, () -> 0L);
    private final RateLimiter second = new RateLimiter(5, () -> 0L);
    private final RateLimitSync firstSync = new RateLimitSync(opened.database(), first);
    private final RateLimitSync secondSync = new RateLimitSync(opened.database(), second);

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void eachReplicaWritesItsOwnRowAndAdmitsWhatTheOtherHasNotUsed() throws Exception {
        firstSync.sync();
        secondSync.sync();
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), first.admit("ehr"));
        }
        firstSync.sync();
        secondSync.sync();
        assertEquals(OptionalLong.empty(), second.admit("ehr"));
        assertEquals(OptionalLong.empty(), second.admit("ehr"));
        assertTrue(second.admit("ehr").isPresent(), "3 on the first replica and 2 here reach the limit of 5");

        secondSync.sync();
        firstSync.sync();
        assertTrue(first.admit("ehr").isPresent(), "the first replica has read the second's 2");
        assertEquals(List.of(2, 3), rows("ehr"), "one row per replica, each its own count");
    }

    @Test
    void closingWritesWhatWasNotSyncedYet() throws Exception {
        firstSync.sync();
        first.admit("ehr");
        first.admit("ehr");
        firstSync.close();
        assertEquals(List.of(2), rows("ehr"));
    }

    private List<Integer> rows(String clientId) {
        return opened.database().inTransaction(c -> Jdbc.queryList(c, "SELECT used FROM rate_limit_count WHERE client_id = ? ORDER BY used",
                row -> row.getInt(1), clientId));
    }
}
