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
 * run, map the rows, close. Arguments are String, Integer, Long, Boolean, null (bound as a null string) or a
 * {@link TypedNull} (a null of another SQL type, which PostgreSQL needs for a column that is not text).
 */
public final class Jdbc {

    private Jdbc() {
    }

    /** A null bound with its SQL type ({@link java.sql.Types}). */
    public record TypedNull(int sqlType) { }

    /** A BIGINT argument that may be null. */
    public static Object bigint(Long value) {
        return value == null ? new TypedNull(Types.BIGINT) : value;
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
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    values.add(mapper.map(rows));
                }
            }
            return values;
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

    /** Binds the arguments of a statement a builder put together (search, history, audit queries). */
    public static void bindAll(PreparedStatement ps, List<?> args) throws SQLException {
        bind(ps, args.toArray());
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
            } else if (arg instanceof TypedNull typed) {
                ps.setNull(index, typed.sqlType());
            } else {
                throw new IllegalArgumentException("Unsupported SQL argument " + arg.getClass().getSimpleName());
            }
        }
    }
}
