package org.peerbridge.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time before which no change can still commit, given as the {@code meta.lastUpdated} of a search
 * answer so that a client polling with {@code _lastUpdated=gt<that time>} misses nothing. A version's
 * last-updated time is the database's time when its write transaction started ({@link UnitOfWork}),
 * and a transaction may commit long after it started: the horizon is therefore the start of the oldest
 * write still open, or now, less a {@link #MARGIN}. A poll repeats what changed within that span; the
 * client recognises a repeat by its version.
 */
public interface ChangeHorizon {

    /** Covers the gap between a transaction taking its time and the database showing it as open. */
    long MARGIN_MS = 1_000;

    /** Marks a write as open from now until the handle is closed, after its commit or rollback. */
    OpenWrite opening();

    /** The horizon in epoch milliseconds; read it before the search's own statement, on the same connection. */
    long horizon(Connection connection) throws SQLException;

    /** A write counted as open until closed. */
    interface OpenWrite extends AutoCloseable {
        @Override
        void close();
    }

    /** The horizon for the database at {@code jdbcUrl}. */
    static ChangeHorizon forDatabase(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? new SharedDatabase() : new InProcess();
    }

    /**
     * PostgreSQL, shared by replicas: every replica's open transactions are in {@code pg_stat_activity},
     * whose {@code xact_start} is the very time {@link DatabaseClock} gives the transaction. The account
     * must see other sessions' activity (the same account for every replica, or {@code pg_read_all_stats}).
     */
    final class SharedDatabase implements ChangeHorizon {

        private static final String OLDEST_OPEN = "SELECT LEAST(statement_timestamp(), (SELECT MIN(xact_start) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()))";

        @Override
        public OpenWrite opening() {
            return () -> { };
        }

        @Override
        public long horizon(Connection connection) throws SQLException {
            return Jdbc.queryOne(connection, OLDEST_OPEN, row -> row.getObject(1, OffsetDateTime.class)).orElseThrow()
                    .toInstant().toEpochMilli() - MARGIN_MS;
        }
    }

    /**
     * The embedded H2 database, written by this process only: the open writes are counted here. H2
     * runs in this JVM, so its clock is this process's clock, and a write is counted from before its
     * transaction takes its time.
     */
    final class InProcess implements ChangeHorizon {

        private final Map<Object, Long> openSince = new ConcurrentHashMap<>();

        @Override
        public OpenWrite opening() {
            Object write = new Object();
            openSince.put(write, System.currentTimeMillis());
            return () -> openSince.remove(write);
        }

        @Override
        public long horizon(Connection connection) {
            long now = System.currentTimeMillis(); // before looking: a write counted later starts after now
            long oldest = openSince.values().stream().mapToLong(Long::longValue).min().orElse(now);
            return Math.min(now, oldest) - MARGIN_MS;
        }
    }
}
