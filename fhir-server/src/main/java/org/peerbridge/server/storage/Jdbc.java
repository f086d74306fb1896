package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The statement blocks every SQL class would otherwise write out: prepare, bind the arguments in order,
 * run, map the rows, close. Arguments are String, Integer, Long, Boolean, a {@link java.sql.Array} made by
 * the same connection, null (bound as a null string), or {@link #nullableInt} and {@link #nullableBigint} for integer columns.
 * Failures are the driver's own {@link SQLException}s, so {@code Database.inTransaction} still sees their
 * SQLState; no message here quotes an argument.
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The arguments of one batch row for one item. */
    @FunctionalInterface
    public interface RowArguments<T> {
        Object[] of(T item);
    }

    /** Takes each row as the driver reads it. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** Takes each row as the driver reads it, and says whether to go on. */
    @FunctionalInterface
    public interface RowCondition {
        boolean accept(ResultSet row) throws SQLException;
    }

    /** A null of one SQL type: PostgreSQL refuses a null string for a column of another type. */
    private record TypedNull(int sqlType) {
    }

    private static final TypedNull NULL_INTEGER = new TypedNull(Types.INTEGER);
    private static final TypedNull NULL_BIGINT = new TypedNull(Types.BIGINT);

    /** An argument for an integer column that may be null. */
    public static Object nullableInt(Integer value) {
        return value == null ? NULL_INTEGER : value;
    }

    /** An argument for a BIGINT column (epoch milliseconds) that may be null. */
    public static Object nullableBigint(Long value) {
        return value == null ? NULL_BIGINT : value;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** The first row's value, if there is a row. */
    public static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rows = ps.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        }
    }

    /** Every row's value, in the order the query returns them. */
    public static <T> List<T> queryList(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        return queryAtMost(c, 0, sql, mapper, args);
    }

    /** At most {@code maxRows} rows' values (0: every row), in the order the query returns them. */
    public static <T> List<T> queryAtMost(Connection c, int maxRows, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(maxRows);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    values.add(mapper.map(rows));
                }
            }
            return values;
        }
    }

    /**
     * Hands every row to {@code each} without holding them: the driver fetches {@code fetchSize} rows at a time
     * (PostgreSQL streams them with a cursor inside a transaction; 0 leaves the driver's default).
     */
    public static void forEach(Connection c, String sql, int fetchSize, RowConsumer each, Object... args) throws SQLException {
        forEachWhile(c, sql, fetchSize, row -> {
            each.accept(row);
            return true;
        }, args);
    }

    /** As {@link #forEach}, stopping after the first row {@code each} answers false for (the rest is never fetched). */
    public static void forEachWhile(Connection c, String sql, int fetchSize, RowCondition each, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.setFetchSize(fetchSize);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next() && each.accept(rows)) {
                    // each row handed over; false ends the scan
                }
            }
        }
    }

    /** Runs one statement for each item as one batch; nothing is sent for no items. */
    public static <T> void batch(Connection c, String sql, Collection<T> items, RowArguments<T> arguments) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                bind(ps, arguments.of(item));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                ps.setNull(index, Types.VARCHAR);
            } else if (arg instanceof String s) {
                ps.setString(index, s);
            } else if (arg instanceof Integer n) {
                ps.setInt(index, n);
            } else if (arg instanceof Long n) {
                ps.setLong(index, n);
            } else if (arg instanceof Boolean b) {
                ps.setBoolean(index, b);
            } else if (arg instanceof byte[] bytes) {
                ps.setBytes(index, bytes);
            } else if (arg instanceof java.sql.Array a) {
                ps.setArray(index, a);
            } else if (arg instanceof TypedNull n) {
                ps.setNull(index, n.sqlType());
            } else {
                throw new IllegalArgumentException("Unsupported SQL argument " + arg.getClass().getSimpleName());
            }
        }
    }
}
