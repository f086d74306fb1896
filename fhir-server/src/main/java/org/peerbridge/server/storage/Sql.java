package org.peerbridge.server.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding helpers shared by the SQL builders. */
public final class Sql {

    private Sql() {
    }

    public static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof String s) {
                ps.setString(i + 1, s);
            } else if (arg instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (arg instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (arg instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else {
                throw new IllegalArgumentException("Unsupported SQL argument " + arg);
            }
        }
    }
}
