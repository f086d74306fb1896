package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for the resource and resource_history tables: current versions, every version, and history pages. */
public final class ResourceTable {

    private static final String COLUMNS = "res_type, res_id, version, last_updated, deleted, body";
    /** Rows a scan asks the driver for at a time (PostgreSQL streams them with a cursor inside a transaction). */
    private static final int SCAN_FETCH_SIZE = 500;

    public Optional<StoredVersion> current(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ?", row -> read(row, null), type, id);
    }

    /** The current row, locked against concurrent writers until the transaction ends. */
    public Optional<StoredVersion> currentForUpdate(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ? FOR UPDATE",
                row -> read(row, null), type, id);
    }

    /** The current row, locked until the transaction ends; empty, without waiting, when another transaction holds its lock. */
    public Optional<StoredVersion> currentForUpdateUnlessLocked(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ? FOR UPDATE SKIP LOCKED",
                row -> read(row, null), type, id);
    }

    public Optional<StoredVersion> version(Connection c, String type, String id, int version) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + ", method FROM resource_history WHERE res_type = ? AND res_id = ? AND version = ?",
                row -> read(row, "method"), type, id, version);
    }

    public void insertFirst(Connection c, StoredVersion row) throws SQLException {
        Jdbc.update(c, "INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", columns(row));
        appendHistory(c, row);
    }

    /** Replaces the current row; false when someone else changed it since {@code expectedVersion}. */
    public boolean replace(Connection c, StoredVersion row, int expectedVersion) throws SQLException {
        if (Jdbc.update(c, "UPDATE resource SET version = ?, last_updated = ?, deleted = ?, body = ?"
                + " WHERE res_type = ? AND res_id = ? AND version = ?",
                row.version(), row.lastUpdated(), row.deleted(), row.body(), row.type(), row.id(), expectedVersion) != 1) {
            return false;
        }
        appendHistory(c, row);
        return true;
    }

    private void appendHistory(Connection c, StoredVersion row) throws SQLException {
        Object[] args = Arrays.copyOf(columns(row), 7);
        args[6] = row.method();
        Jdbc.update(c, "INSERT INTO resource_history (" + COLUMNS + ", method) VALUES (?, ?, ?, ?, ?, ?, ?)", args);
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
        return Jdbc.queryList(c, sql.toString(), row -> read(row, "method"), args.toArray());
    }

    public int historyCount(Connection c, HistoryScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM resource_history h");
        List<Object> args = new ArrayList<>();
        scope.appendWhere(sql, args);
        return Jdbc.queryOne(c, sql.toString(), row -> row.getInt(1), args.toArray()).orElseThrow();
    }

    /** What is done with each row of a scan. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(StoredVersion row) throws SQLException;
    }

    /**
     * Hands every stored version of one resource to {@code each}, oldest first, whatever the caller's {@link ReadScope}:
     * for bookkeeping the server keeps on every client's behalf.
     */
    public void forEachVersionOf(Connection c, String type, String id, RowHandler each) throws SQLException {
        Jdbc.forEach(c, "SELECT " + COLUMNS + ", method FROM resource_history WHERE res_type = ? AND res_id = ? ORDER BY version",
                SCAN_FETCH_SIZE, row -> each.accept(read(row, "method")), type, id);
    }

    /**
     * Hands the live current resources of a type whose reference search parameter {@code param} points at the target to
     * {@code each}, oldest update first, whatever the caller's {@link ReadScope}.
     */
    public void forEachCurrentReferring(Connection c, String type, String param, String targetType, String targetId, RowHandler each)
            throws SQLException {
        Jdbc.forEach(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND deleted = FALSE AND res_id IN (SELECT x.res_id"
                + " FROM idx_reference x WHERE x.res_type = ? AND x.param = ? AND x.target_type = ? AND x.target_id = ?)"
                + " ORDER BY last_updated, res_id",
                SCAN_FETCH_SIZE, row -> each.accept(read(row, null)), type, type, param, targetType, targetId);
    }

    /** The arguments of {@link #COLUMNS}, in order. */
    private static Object[] columns(StoredVersion row) {
        return new Object[] {row.type(), row.id(), row.version(), row.lastUpdated(), row.deleted(), row.body()};
    }

    private static StoredVersion read(ResultSet rs, String methodColumn) throws SQLException {
        return new StoredVersion(rs.getString("res_type"), rs.getString("res_id"), rs.getInt("version"),
                rs.getLong("last_updated"), rs.getBoolean("deleted"),
                methodColumn == null ? null : rs.getString(methodColumn), rs.getString("body"));
    }
}
