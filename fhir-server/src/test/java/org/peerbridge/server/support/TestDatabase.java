package org.peerbridge.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.peerbridge.server.app.RequestLimits;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.bulk.BulkExportSettings;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseSettings;
import org.peerbridge.server.subscription.SubscriptionSettings;

/**
 * The databases every storage and API test runs on: the embedded H2 default, and the PostgreSQL server
 * on this machine (a fresh database per server, dropped afterwards). With CI=true an unreachable
 * PostgreSQL fails the build instead of skipping.
 */
public enum TestDatabase {
    H2 {
        @Override
        public Prepared prepare() throws Exception {
            Path dir = Files.createTempDirectory("peerbridge-h2-");
            return new Prepared(ServerConfig.defaults().withPort(0).withDataDir(dir).withSubscriptions(FAST_DELIVERY).withBulkExport(FAST_EXPORT)
                    .withLimits(WAIT_FOR_VALIDATOR),
                    () -> TestFiles.deleteTree(dir));
        }
    },
    POSTGRESQL {
        @Override
        public Prepared prepare() throws Exception {
            String host = System.getenv().getOrDefault("PEERBRIDGE_TEST_PG_HOST", "127.0.0.1:5432");
            String admin = "jdbc:postgresql://" + host + "/postgres";
            String name = "peerbridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true but PostgreSQL at " + host + " is unreachable", e);
                }
                Assumptions.abort("PostgreSQL at " + host + " is unreachable: " + e.getMessage());
            }
            Path dir = Files.createTempDirectory("peerbridge-pg-");
            ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir).withSubscriptions(FAST_DELIVERY).withBulkExport(FAST_EXPORT)
                    .withLimits(WAIT_FOR_VALIDATOR)
                    .withDatabase("jdbc:postgresql://" + host + "/" + name, "postgres", "");
            return new Prepared(config, () -> {
                try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
                TestFiles.deleteTree(dir);
            });
        }
    };

    /** Short polls and retries, so delivery tests wait milliseconds, not the production seconds. */
    static final SubscriptionSettings FAST_DELIVERY = SubscriptionSettings.defaults().withPollInterval(Duration.ofMillis(50))
            .withRetry(Duration.ofMillis(100), Duration.ofMillis(800));

    /** Exports looked for every 50 ms, so export tests wait for the snapshot's horizon, not for the production poll. */
    static final BulkExportSettings FAST_EXPORT = BulkExportSettings.defaults().withPollInterval(Duration.ofMillis(50));

    /**
     * A write sent right after start waits for the validator however long a saturated machine takes to load it
     * (in production it waits at most 30 s, then gets 503).
     */
    static final RequestLimits WAIT_FOR_VALIDATOR = RequestLimits.defaults().withValidatorWait(Duration.ofMinutes(5));

    /** A fresh, empty database of this kind (not yet migrated), with a server configuration on it. */
    public abstract Prepared prepare() throws Exception;

    /** A migrated H2 database in a temporary directory, without a server: for the fast tests below HTTP. */
    public static Opened open() {
        try {
            Path dir = Files.createTempDirectory("peerbridge-fast-");
            return new Opened(Database.open(ServerConfig.defaults().withDataDir(dir).database()), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An open test database; closing it deletes it. */
    public record Opened(Database database, Path dir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            database.close();
            TestFiles.deleteTree(dir);
        }
    }

    /** A server configuration on a fresh database, and how to remove that database afterwards. */
    public record Prepared(ServerConfig config, Cleanup cleanup) {

        /** A connection of its own to the database, outside any server's pool: for states no request can make. */
        public Connection jdbc() throws SQLException {
            DatabaseSettings database = config.database();
            return DriverManager.getConnection(database.jdbcUrl(), database.connectionUser(), database.password() == null ? "" : database.password());
        }
    }

    /** Removes what {@link #prepare()} made. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws Exception;
    }
}
