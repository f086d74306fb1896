package org.peerbridge.server.security.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.support.TestDatabase;

/**
 * Remembered grants on a real H2 database, with a clock the test moves: what another replica's revocation
 * (the rows changed behind this replica's back) does within and after {@link GrantCache#REVOCATION_BOUND},
 * and that this replica's own revocation and every refusal take effect at once.
 */
class GrantCacheTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final long LIFETIME = 300_000;

    private TestDatabase.Opened opened;
    private Database database;
    private ClientRegistry registry;
    private final AccessTokens tokens = new AccessTokens();
    private final MovableClock clock = new MovableClock();
    private GrantCache grants;

    @BeforeEach
    void open() {
        opened = TestDatabase.open();
        database = opened.database();
        grants = new GrantCache(database, tokens, clock);
        registry = new ClientRegistry(database, grants::revoked);
        registry.add(new RegisteredClient("clinic", "Organization/clinic", ScopeSet.parse("system/Task.rs"), "{\"keys\":[]}", null, true,
                START.toEpochMilli()));
    }

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void anotherReplicasRevocationTakesEffectWithinTheBound() {
        String token = issue();
        assertTrue(grants.find(token).orElseThrow().clientEnabled());
        revokeAsAnotherReplicaWould();

        clock.advance(GrantCache.REVOCATION_BOUND.toMillis() - 1);
        assertTrue(grants.find(token).isPresent(), "remembered: no database read within the bound");
        clock.advance(1);
        assertTrue(grants.find(token).isEmpty(), "read again once the bound has passed");
    }

    @Test
    void thisReplicasRevocationTakesEffectAtOnce() {
        String token = issue();
        assertTrue(grants.find(token).isPresent());
        registry.setEnabled("clinic", false);
        assertTrue(grants.find(token).isEmpty());
    }

    @Test
    void aRefusedTokenIsReadAgainEveryTime() {
        String token = issue();
        setEnabledAsAnotherReplicaWould(false);
        assertFalse(grants.find(token).orElseThrow().clientEnabled());
        setEnabledAsAnotherReplicaWould(true);
        assertTrue(grants.find(token).orElseThrow().clientEnabled(), "a disabled client's grant was not remembered");
        assertTrue(grants.find(token + "x").isEmpty());
    }

    @Test
    void aRememberedGrantStillCarriesItsExpiry() {
        String token = issue();
        long expires = grants.find(token).orElseThrow().expires();
        clock.advance(GrantCache.REVOCATION_BOUND.toMillis() / 2);
        assertEquals(expires, grants.find(token).orElseThrow().expires());
        assertEquals(START.toEpochMilli() + LIFETIME, expires);
    }

    private String issue() {
        return database.inTransaction(c -> tokens.issue(c, "clinic", "system/Task.rs", START.toEpochMilli() + LIFETIME, clock.millis()));
    }

    private void revokeAsAnotherReplicaWould() {
        database.inTransaction(c -> {
            Jdbc.update(c, "UPDATE auth_client SET enabled = FALSE WHERE client_id = 'clinic'");
            AccessTokens.revokeAll(c, "clinic");
            return null;
        });
    }

    private void setEnabledAsAnotherReplicaWould(boolean enabled) {
        database.inTransaction(c -> Jdbc.update(c, "UPDATE auth_client SET enabled = ? WHERE client_id = 'clinic'", enabled));
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private long millis = START.toEpochMilli();

        void advance(long by) {
            millis += by;
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
