package org.peerbridge.server.security.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.support.TestDatabase;

/**
 * The rate limit counted in memory and shared through the database (H2 and PostgreSQL): exact on one
 * replica, and two replicas on one database see each other's requests from their next flush on.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class RateLimiterTest {

    private static final long WINDOW_START = 1_800_000_000_000L - 1_800_000_000_000L % RateLimiter.WINDOW_MILLIS;

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(WINDOW_START + 15_000);
    private TestDatabase.OpenedDatabase opened;
    private Database database;

    @BeforeEach
    void open() throws Exception {
        opened = kind.open();
        database = opened.database();
    }

    @AfterEach
    void close() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void oneReplicaAdmitsExactlyTheLimitThenTellsWhenTheNextWindowStarts() {
        RateLimiter limiter = new RateLimiter(database, 3, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
            limiter.flush();
        }
        assertEquals(OptionalLong.of(45), limiter.admit("ehr"));
        assertEquals(OptionalLong.empty(), limiter.admit("other-ehr"), "each client has its own count");

        clock.set(WINDOW_START + RateLimiter.WINDOW_MILLIS);
        assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
    }

    @Test
    void replicasSeeEachOthersRequestsFromTheirNextFlush() throws Exception {
        RateLimiter first = new RateLimiter(database, 5, clock);
        RateLimiter second = new RateLimiter(database, 5, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), first.admit("ehr"));
        }
        first.flush();
        assertEquals(3, sharedCount("ehr"));

        assertEquals(OptionalLong.empty(), second.admit("ehr"), "before its flush the second replica has not seen the first's requests");
        second.flush();
        assertEquals(4, sharedCount("ehr"));
        assertEquals(OptionalLong.empty(), second.admit("ehr"));
        assertTrue(second.admit("ehr").isPresent(), "4 shared + 1 unflushed reach the limit of 5");

        second.flush();
        first.flush();
        assertTrue(first.admit("ehr").isPresent(), "the first replica has read the second's requests");
    }

    @Test
    void closingSharesWhatWasNotFlushedYet() throws Exception {
        RateLimiter limiter = new RateLimiter(database, 10, clock);
        limiter.admit("ehr");
        limiter.admit("ehr");
        limiter.close();
        assertEquals(2, sharedCount("ehr"));
    }

    @Test
    void aNewWindowStartsTheSharedCountAgain() throws Exception {
        RateLimiter limiter = new RateLimiter(database, 2, clock);
        limiter.admit("ehr");
        limiter.admit("ehr");
        limiter.flush();
        clock.set(WINDOW_START + RateLimiter.WINDOW_MILLIS + 1);
        assertEquals(OptionalLong.empty(), limiter.admit("ehr"));
        limiter.flush();
        assertEquals(1, sharedCount("ehr"));
    }

    private int sharedCount(String clientId) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT used FROM rate_limit WHERE client_id = ?")) {
                ps.setString(1, clientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        private volatile long millis;

        SettableClock(long millis) {
            this.millis = millis;
        }

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
