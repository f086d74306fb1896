package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** SQL for the four search-index tables: the rows of a resource's current version replace the old ones. */
public final class IndexTable {

    private static final List<String> TABLES = List.of("idx_token", "idx_string", "idx_date", "idx_reference");

    public void replace(Connection c, String type, String id, IndexRows rows, boolean hadRows) throws SQLException {
        if (hadRows) {
            remove(c, type, id);
        }
        insert(c, type, id, rows);
    }

    public void remove(Connection c, String type, String id) throws SQLException {
        for (String table : TABLES) {
            Jdbc.update(c, "DELETE FROM " + table + " WHERE res_type = ? AND res_id = ?", type, id);
        }
    }

    private void insert(Connection c, String type, String id, IndexRows rows) throws SQLException {
        Jdbc.batch(c, "INSERT INTO idx_token (res_type, res_id, param, sys, code) VALUES (?, ?, ?, ?, ?)", rows.tokens(),
                t -> new Object[] {type, id, t.param(), t.system(), t.code()});
        Jdbc.batch(c, "INSERT INTO idx_string (res_type, res_id, param, value_norm, value_exact) VALUES (?, ?, ?, ?, ?)",
                rows.strings(), t -> new Object[] {type, id, t.param(), t.normalized(), t.exact()});
        Jdbc.batch(c, "INSERT INTO idx_date (res_type, res_id, param, low, high) VALUES (?, ?, ?, ?, ?)", rows.dates(),
                d -> new Object[] {type, id, d.param(), d.low(), d.high()});
        Jdbc.batch(c, "INSERT INTO idx_reference (res_type, res_id, param, target_type, target_id) VALUES (?, ?, ?, ?, ?)",
                rows.references(), r -> new Object[] {type, id, r.param(), r.targetType(), r.targetId()});
    }

    /** Live resources that point at the given one: a delete of a referenced resource is refused. */
    public List<String> referrersOf(Connection c, String targetType, String targetId) throws SQLException {
        return Jdbc.queryList(c, "SELECT DISTINCT res_type, res_id FROM idx_reference WHERE target_type = ? AND target_id = ?"
                + " ORDER BY res_type, res_id", row -> row.getString(1) + "/" + row.getString(2), targetType, targetId);
    }
}
