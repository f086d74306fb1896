package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the resource and resource_history tables. {@code resource} holds the current version of each resource and
 * {@code resource_history} the versions it replaced, so a create writes one row; every version is in exactly one of them.
 */
public final class ResourceTable {

    private static final String COLUMNS = "res_type, res_id, version, last_updated, deleted, method, body";
    /** The tables that hold versions: the current ones, and those they replaced. */
    private static final List<String> VERSION_TABLES = List.of("resource", "resource_history");
    private static final String NEWEST_FIRST = " ORDER BY last_updated DESC, res_type, res_id, version DESC";
    /** Rows a scan asks the driver for at a time (PostgreSQL streams them with a cursor inside a transaction). */
    private static final int SCAN_FETCH_SIZE = 500;

    public Optional<StoredVersion> current(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ?", ResourceTable::read, type, id);
    }

    /** The current row, locked against concurrent writers until the transaction ends. */
    public Optional<StoredVersion> currentForUpdate(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ? FOR UPDATE",
                ResourceTable::read, type, id);
    }

    /** The current row, locked until the transaction ends; empty, without waiting, when another transaction holds its lock. */
    public Optional<StoredVersion> currentForUpdateUnlessLocked(Connection c, String type, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM resource WHERE res_type = ? AND res_id = ? FOR UPDATE SKIP LOCKED",
                ResourceTable::read, type, id);
    }

    public Optional<StoredVersion> version(Connection c, String type, String id, int version) throws SQLException {
        return Jdbc.queryOne(c, inBothTables("res_type = ? AND res_id = ? AND version = ?"), ResourceTable::read,
                perTable(type, id, version));
    }

    public void insertFirst(Connection c, StoredVersion row) throws SQLException {
        Jdbc.update(c, "INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", columns(row));
    }

    /**
     * Replaces the current row {@code replaced}, as the caller read it, with {@code row}, and keeps {@code replaced} in
     * history; false, changing nothing, when someone else changed the resource since.
     */
    public boolean replace(Connection c, StoredVersion row, StoredVersion replaced) throws SQLException {
        if (Jdbc.update(c, "UPDATE resource SET version = ?, last_updated = ?, deleted = ?, method = ?, body = ?"
                + " WHERE res_type = ? AND res_id = ? AND version = ?",
                row.version(), row.lastUpdated(), row.deleted(), row.method(), row.body(), row.type(), row.id(), replaced.version()) != 1) {
            return false;
        }
        Jdbc.update(c, "INSERT INTO resource_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", columns(replaced));
        return true;
    }

    /**
     * A page of history, newest first. type and id may be null (system or type level history); since
     * and at bound the last_updated instant.
     */
    public List<StoredVersion> history(Connection c, HistoryScope scope, int offset, int count) throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> newest = new ArrayList<>();
        for (String table : VERSION_TABLES) {
            newest.add(newestOf(table, scope, (long) offset + count, args)); // _offset may be as large as an int holds
        }
        args.add(count);
        args.add(offset);
        return Jdbc.queryList(c, "SELECT " + COLUMNS + " FROM (" + String.join(" UNION ALL ", newest) + ") v" + NEWEST_FIRST
                + " LIMIT ? OFFSET ?", ResourceTable::read, args.toArray());
    }

    /**
     * A query for the newest {@code limit} versions in one table that the scope holds: each table is read by its own indexes.
     * The limit is written into the SQL, since H2 keeps a derived table's parameter limit from the statement's first run.
     */
    private static String newestOf(String table, HistoryScope scope, long limit, List<Object> args) {
        StringBuilder sql = new StringBuilder("(SELECT " + COLUMNS + " FROM " + table + " h");
        scope.appendWhere(sql, args);
        return sql.append(NEWEST_FIRST).append(" LIMIT ").append(limit).append(')').toString();
    }

    public int historyCount(Connection c, HistoryScope scope) throws SQLException {
        List<Object> args = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (String table : VERSION_TABLES) {
            StringBuilder count = new StringBuilder("(SELECT COUNT(*) FROM " + table + " h");
            scope.appendWhere(count, args);
            counts.add(count.append(')').toString());
        }
        return Jdbc.queryOne(c, "SELECT " + String.join(" + ", counts), row -> row.getInt(1), args.toArray()).orElseThrow();
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
        Jdbc.forEach(c, inBothTables("res_type = ? AND res_id = ?") + " ORDER BY version",
                SCAN_FETCH_SIZE, row -> each.accept(read(row)), perTable(type, id));
    }

    /**
     * Hands the live current resources of a type whose reference search parameter {@code param} points at the target to
     * {@code each}, oldest update first, whatever the caller's {@link ReadScope}.
     */
    public void forEachCurrentReferring(Connection c, String type, String param, String targetType, String targetId, RowHandler each)
            throws SQLException {
        // Driven from the reference index, as SearchSql's lookups are: H2 answers "res_id IN (SELECT ...)" here by reading
        // the whole resource table, and an inner join by reading every resource of the type in last_updated order. It does
        // not reorder an outer join; the WHERE on res_type drops the rows the outer join would add.
        Jdbc.forEach(c, "SELECT " + COLUMNS + " FROM (SELECT DISTINCT x.res_id AS referring_id FROM idx_reference x"
                + " WHERE x.res_type = ? AND x.param = ? AND x.target_type = ? AND x.target_id = ?) m"
                + " LEFT JOIN resource ON res_id = m.referring_id WHERE res_type = ? AND deleted = FALSE ORDER BY last_updated, res_id",
                SCAN_FETCH_SIZE, row -> each.accept(read(row)), type, param, targetType, targetId, type);
    }

    /** The versions, current or replaced, that meet {@code condition}; its arguments are given once per table ({@link #perTable}). */
    private static String inBothTables(String condition) {
        return String.join(" UNION ALL ", VERSION_TABLES.stream().map(table -> "SELECT " + COLUMNS + " FROM " + table + " WHERE " + condition)
                .toList());
    }

    /** The arguments of an {@link #inBothTables} condition, repeated for each table. */
    private static Object[] perTable(Object... conditionArgs) {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < VERSION_TABLES.size(); i++) {
            args.addAll(List.of(conditionArgs));
        }
        return args.toArray();
    }

    /** The arguments of {@link #COLUMNS}, in order. */
    private static Object[] columns(StoredVersion row) {
        return new Object[] {row.type(), row.id(), row.version(), row.lastUpdated(), row.deleted(), row.method(), row.body()};
    }

    private static StoredVersion read(ResultSet rs) throws SQLException {
        return new StoredVersion(rs.getString("res_type"), rs.getString("res_id"), rs.getInt("version"),
                rs.getLong("last_updated"), rs.getBoolean("deleted"), rs.getString("method"), rs.getString("body"));
    }
}
