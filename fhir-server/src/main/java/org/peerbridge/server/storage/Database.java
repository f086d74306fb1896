package org.peerbridge.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.peerbridge.server.refusal.Refusals;

/**
 * The one connection pool of the process (HikariCP) over a schema that Flyway keeps at the newest
 * migration. The same code serves H2 and PostgreSQL: the SQL is plain ANSI.
 */
public final class Database implements AutoCloseable {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    /** A row lock not granted in time: H2's LOCK_TIMEOUT, PostgreSQL's lock_timeout if one is set. */
    private static final Set<String> LOCK_TIMEOUTS = Set.of("HYT00", "55P03");
    private static final int MAX_ATTEMPTS = 3;

    /** H2's "database already in use": another process holds the file lock. */
    private static final int H2_ALREADY_OPEN = 90020;

    private final HikariDataSource dataSource;
    private final ChangeHorizon changeHorizon;
    private final Path privateFolder;
    /** The embedded store's compaction and group commit; null for a database server. */
    private final EmbeddedStoreCompaction compaction;
    private final GroupCommit groupCommit;

    private Database(HikariDataSource dataSource, ChangeHorizon changeHorizon, Path privateFolder) {
        this.dataSource = dataSource;
        this.changeHorizon = changeHorizon;
        this.privateFolder = privateFolder;
        MVStore embedded = privateFolder == null ? null : embeddedStore(dataSource);
        this.compaction = embedded == null ? null : EmbeddedStoreCompaction.start(embedded);
        this.groupCommit = embedded == null ? null
                : new GroupCommit(embedded, () -> dataSource.getHikariPoolMXBean().getActiveConnections());
    }

    /**
     * Opens the pool and migrates the schema. The embedded database's folder is made private first, and its
     * files after; a folder another process has open is refused with {@link DataFolderInUse}.
     */
    public static Database open(DatabaseSettings settings) {
        Path folder = settings.embeddedFolder();
        if (folder != null) {
            PrivateFolder.secure(folder);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(settings.jdbcUrl());
        if (settings.connectionUser() != null) {
            hikari.setUsername(settings.connectionUser());
        }
        if (settings.password() != null) {
            hikari.setPassword(settings.password());
        }
        hikari.setMaximumPoolSize(settings.poolSize());
        hikari.setAutoCommit(false);
        hikari.setPoolName("peerbridge-db");
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            if (folder != null && openElsewhere(e)) {
                throw new DataFolderInUse(folder);
            }
            throw e;
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        if (folder != null) {
            PrivateFolder.secure(folder);
        }
        return new Database(dataSource, ChangeHorizon.forDatabase(settings.jdbcUrl()), folder);
    }

    /** What this database's writers may still commit: see {@link ChangeHorizon}. */
    public ChangeHorizon changeHorizon() {
        return changeHorizon;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs the work in one database transaction and commits it; any exception rolls everything back.
     * A unique-key race (two requests claiming the same identifier at once) is retried from the start,
     * so the loser sees the winner's row instead of failing. So is a serialization failure or a deadlock
     * (H2 reports deadlocks as 40001, PostgreSQL as 40P01): the database rolled back one of the two.
     * Returns once the commit is on disk: PostgreSQL's commit is; the embedded store's is written by
     * {@link GroupCommit}, after the connection went back to the pool.
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        T result = committed(work);
        if (groupCommit != null) {
            groupCommit.awaitDurable();
        }
        return result;
    }

    private <T> T committed(TransactionWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Throwable failure) {
                    rollbackQuietly(connection, failure);
                    throw failure;
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && isRetryable(e)) {
                    continue;
                }
                throw failed(e, new StorageException("Database operation failed", e));
            } catch (StorageException e) {
                if (attempt < MAX_ATTEMPTS && e.getCause() instanceof SQLException sql && isRetryable(sql)) {
                    continue;
                }
                throw e.getCause() instanceof SQLException sql ? failed(sql, e) : e;
            }
        }
    }

    /** A lock not granted in time is "not now" (503 with Retry-After), not a failure of the server: nothing was changed. */
    private static RuntimeException failed(SQLException cause, RuntimeException failure) {
        if (cause.getSQLState() != null && LOCK_TIMEOUTS.contains(cause.getSQLState())) {
            return Refusals.unavailable("What this request changes is held by another request for too long; nothing was changed, try again");
        }
        return failure;
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return UNIQUE_VIOLATION.equals(state) || SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state);
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** The MVStore behind an embedded H2 pool. */
    static MVStore embeddedStore(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException e) {
            throw new StorageException("The embedded store cannot be reached", e);
        }
    }

    private static boolean openElsewhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (compaction != null) {
            compaction.close();
        }
        dataSource.close();
        if (privateFolder != null) {
            PrivateFolder.secure(privateFolder); // files the database made while it ran
        }
    }

    /** Work done with one connection inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
