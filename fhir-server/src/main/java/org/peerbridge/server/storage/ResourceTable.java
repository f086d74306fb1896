package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the resource and resource_history tables: current versions, every version, and history pages. */
public final class ResourceTable {

    private static final String COLUMNS = "res_type, res_id, version, last_updated, deleted, body";
    /** Rows a scan asks the driver for at a time (PostgreSQL streams them with a cursor inside a transaction). */
    private static final int SCAN_FETCH_SIZE = 500;

    public Optional<StoredVersion> current(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ?")) {
            ps.setString(1, type);
            ps.setString(2, id);
            return single(ps, null);
        }
    }

    /** The current row, locked against concurrent writers until the transaction ends. */
    public Optional<StoredVersion> currentForUpdate(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ? FOR UPDATE")) {
            ps.setString(1, type);
            ps.setString(2, id);
            return single(ps, null);
        }
    }

    public Optional<StoredVersion> version(Connection c, String type, String id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", method FROM resource_history"
                + " WHERE res_type = ? AND res_id = ? AND version = ?")) {
            ps.setString(1, type);
            ps.setString(2, id);
            ps.setInt(3, version);
            return single(ps, "method");
        }
    }

    public void insertFirst(Connection c, StoredVersion row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            bind(ps, row);
            ps.executeUpdate();
        }
        appendHistory(c, row);
    }

    /** Replaces the current row; false when someone else changed it since {@code expectedVersion}. */
    public boolean replace(Connection c, StoredVersion row, int expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE resource SET version = ?, last_updated = ?, deleted = ?, body = ?"
                + " WHERE res_type = ? AND res_id = ? AND version = ?")) {
            ps.setInt(1, row.version());
            ps.setLong(2, row.lastUpdated());
            ps.setBoolean(3, row.deleted());
            ps.setString(4, row.body());
            ps.setString(5, row.type());
            ps.setString(6, row.id());
            ps.setInt(7, expectedVersion);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        appendHistory(c, row);
        return true;
    }

    private void appendHistory(Connection c, StoredVersion row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO resource_history (" + COLUMNS + ", method)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, row);
            ps.setString(7, row.method());
            ps.executeUpdate();
        }
    }

    /**
     * A page of history, newest first. type and id may be null (system or type level history); since
     * and at bound the last_updated instant.
     */
    public List<StoredVersion> history(Connection c, HistoryScope scope, int offset, int count) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", method FROM resource_history h");
        List<Object> args = new ArrayList<>();
        scope.appendWhere(sql, args);
        sql.append(" ORDER BY last_updated DESC, res_type, res_id, version DESC LIMIT ? OFFSET ?");
        args.add(count);
        args.add(offset);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Jdbc.bindAll(ps, args);
            List<StoredVersion> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs, "method"));
                }
            }
            return rows;
        }
    }

    public int historyCount(Connection c, HistoryScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM resource_history h");
        List<Object> args = new ArrayList<>();
        scope.appendWhere(sql, args);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Jdbc.bindAll(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** What is done with each row of a scan. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(StoredVersion row) throws SQLException;
    }

    /**
     * Hands every live current resource of a type that the caller's {@link ReadScope} may see to {@code each},
     * oldest update first, streamed rather than held (at most a fetch's worth of rows in memory).
     */
    public void forEachCurrent(Connection c, String type, RowHandler each) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND deleted = FALSE");
        List<Object> args = new ArrayList<>(List.of(type));
        ReadScope.current().appendFilter(sql, args, type, "res_type", "res_id");
        sql.append(" ORDER BY last_updated, res_id");
        scan(c, sql.toString(), args, null, each);
    }

    /** Hands every stored version of every resource of a type the caller may see to {@code each}, by resource, oldest first. */
    public void forEachVersion(Connection c, String type, RowHandler each) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", method FROM resource_history h WHERE res_type = ?");
        List<Object> args = new ArrayList<>(List.of(type));
        ReadScope.current().appendFilter(sql, args, type, "h.res_type", "h.res_id");
        sql.append(" ORDER BY res_id, version");
        scan(c, sql.toString(), args, "method", each);
    }

    private static void scan(Connection c, String sql, List<Object> args, String methodColumn, RowHandler each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bindAll(ps, args);
            ps.setFetchSize(SCAN_FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(read(rs, methodColumn));
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, StoredVersion row) throws SQLException {
        ps.setString(1, row.type());
        ps.setString(2, row.id());
        ps.setInt(3, row.version());
        ps.setLong(4, row.lastUpdated());
        ps.setBoolean(5, row.deleted());
        ps.setString(6, row.body());
    }

    private static Optional<StoredVersion> single(PreparedStatement ps, String methodColumn) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs, methodColumn)) : Optional.empty();
        }
    }

    static StoredVersion read(ResultSet rs, String methodColumn) throws SQLException {
        return new StoredVersion(rs.getString("res_type"), rs.getString("res_id"), rs.getInt("version"),
                rs.getLong("last_updated"), rs.getBoolean("deleted"),
                methodColumn == null ? null : rs.getString(methodColumn), rs.getString("body"));
    }
}
