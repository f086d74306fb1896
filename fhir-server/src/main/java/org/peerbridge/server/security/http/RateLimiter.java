package org.peerbridge.server.security.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.peerbridge.server.storage.Jdbc;

/**
 * Requests per client per minute, counted in the database (fixed one-minute windows) so the limit holds
 * across replicas. Counted in the same transaction as the token lookup, so it costs one row update.
 */
final class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final int perMinute;

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts the request; empty when it is admitted, else the seconds until the client may try again. */
    OptionalLong admit(Connection c, String clientId, long now) throws SQLException {
        long window = now - now % WINDOW_MILLIS;
        int updated = Jdbc.update(c, "UPDATE rate_limit SET used = CASE WHEN window_start = ? THEN used + 1 ELSE 1 END,"
                + " window_start = ? WHERE client_id = ?", window, window, clientId);
        if (updated == 0) {
            // first request of this client: a concurrent first request collides on the key and the transaction is retried
            Jdbc.update(c, "INSERT INTO rate_limit (client_id, window_start, used) VALUES (?, ?, 1)", clientId, window);
            return OptionalLong.empty();
        }
        int used = Jdbc.queryOne(c, "SELECT used FROM rate_limit WHERE client_id = ?", row -> row.getInt(1), clientId).orElseThrow();
        if (used <= perMinute) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (window + WINDOW_MILLIS - now + 999) / 1000));
    }
}
