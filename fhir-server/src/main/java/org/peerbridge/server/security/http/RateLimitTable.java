package org.peerbridge.server.security.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.peerbridge.server.storage.Jdbc;

/**
 * The SQL of {@code rate_limit_count}: one row per window, client and replica, each written by its own
 * replica only, so replicas never wait for each other's rows.
 */
final class RateLimitTable {

    /** Sets this replica's count of each client in the window (absolute counts: a sync that failed is made good by the next). */
    void write(Connection c, long window, String replica, Map<String, Integer> counts) throws SQLException {
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (Jdbc.update(c, "UPDATE rate_limit_count SET used = ? WHERE window_start = ? AND client_id = ? AND replica = ?",
                    count.getValue(), window, count.getKey(), replica) == 0) {
                Jdbc.update(c, "INSERT INTO rate_limit_count (window_start, client_id, replica, used) VALUES (?, ?, ?, ?)",
                        window, count.getKey(), replica, count.getValue());
            }
        }
    }

    /** What every other replica counted in the window, per client. */
    Map<String, Integer> othersCounts(Connection c, long window, String replica) throws SQLException {
        Map<String, Integer> others = new HashMap<>();
        for (Map.Entry<String, Integer> total : Jdbc.queryList(c, "SELECT client_id, SUM(used) FROM rate_limit_count"
                + " WHERE window_start = ? AND replica <> ? GROUP BY client_id", row -> Map.entry(row.getString(1), row.getInt(2)),
                window, replica)) {
            others.put(total.getKey(), total.getValue());
        }
        return others;
    }

    /** Drops the rows of windows before the given one (also those of replicas that died). */
    void deleteBefore(Connection c, long window) throws SQLException {
        Jdbc.update(c, "DELETE FROM rate_limit_count WHERE window_start < ?", window);
    }
}
