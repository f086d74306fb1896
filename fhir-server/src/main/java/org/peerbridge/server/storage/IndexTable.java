package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE res_type = ? AND res_id = ?")) {
                ps.setString(1, type);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
    }

    private void insert(Connection c, String type, String id, IndexRows rows) throws SQLException {
        if (!rows.tokens().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO idx_token (res_type, res_id, param, sys, code) VALUES (?, ?, ?, ?, ?)")) {
                for (IndexRows.Token t : rows.tokens()) {
                    ps.setString(1, type);
                    ps.setString(2, id);
                    ps.setString(3, t.param());
                    ps.setString(4, t.system());
                    ps.setString(5, t.code());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!rows.strings().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO idx_string (res_type, res_id, param, value_norm, value_exact) VALUES (?, ?, ?, ?, ?)")) {
                for (IndexRows.Text t : rows.strings()) {
                    ps.setString(1, type);
                    ps.setString(2, id);
                    ps.setString(3, t.param());
                    ps.setString(4, t.normalized());
                    ps.setString(5, t.exact());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!rows.dates().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO idx_date (res_type, res_id, param, low, high) VALUES (?, ?, ?, ?, ?)")) {
                for (IndexRows.DateRange d : rows.dates()) {
                    ps.setString(1, type);
                    ps.setString(2, id);
                    ps.setString(3, d.param());
                    ps.setLong(4, d.low());
                    ps.setLong(5, d.high());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!rows.references().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO idx_reference (res_type, res_id, param, target_type, target_id) VALUES (?, ?, ?, ?, ?)")) {
                for (IndexRows.Ref r : rows.references()) {
                    ps.setString(1, type);
                    ps.setString(2, id);
                    ps.setString(3, r.param());
                    ps.setString(4, r.targetType());
                    ps.setString(5, r.targetId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Live resources that point at the given one: a delete of a referenced resource is refused. */
    public List<String> referrersOf(Connection c, String targetType, String targetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT res_type, res_id FROM idx_reference"
                + " WHERE target_type = ? AND target_id = ? ORDER BY res_type, res_id")) {
            ps.setString(1, targetType);
            ps.setString(2, targetId);
            List<String> referrers = new java.util.ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    referrers.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return referrers;
        }
    }
}
