package org.peerbridge.server.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peerbridge.server.storage.Jdbc;

/** What H2's own plan of a statement says it read: EXPLAIN ANALYZE runs it and counts the rows each table gave. */
public final class QueryPlans {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private QueryPlans() {
    }

    /**
     * The plan of {@code sql} as run now, with the rows read from each table. A statement that changes data is run
     * in a transaction rolled back afterwards.
     */
    public static String analyze(Connection c, String sql, Object... args) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            return Jdbc.queryOne(c, "EXPLAIN ANALYZE " + sql, row -> row.getString(1), args).orElseThrow();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** The most rows any one table gave in the plan ({@link #analyze}); 0 when none was read. */
    public static int mostRowsRead(String plan) {
        Matcher counts = SCAN_COUNT.matcher(plan);
        int most = 0;
        while (counts.find()) {
            most = Math.max(most, Integer.parseInt(counts.group(1)));
        }
        return most;
    }
}
