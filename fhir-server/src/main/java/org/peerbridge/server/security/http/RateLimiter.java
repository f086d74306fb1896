package org.peerbridge.server.security.http;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

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
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE rate_limit SET used = CASE WHEN window_start = ? THEN used + 1 ELSE 1 END,"
                + " window_start = ? WHERE client_id = ?")) {
            ps.setLong(1, window);
            ps.setLong(2, window);
            ps.setString(3, clientId);
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            // first request of this client: a concurrent first request collides on the key and the transaction is retried
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_limit (client_id, window_start, used) VALUES (?, ?, 1)")) {
                ps.setString(1, clientId);
                ps.setLong(2, window);
                ps.executeUpdate();
            }
            return OptionalLong.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT used FROM rate_limit WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) <= perMinute) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.of(Math.max(1, (window + WINDOW_MILLIS - now + 999) / 1000));
    }
}
