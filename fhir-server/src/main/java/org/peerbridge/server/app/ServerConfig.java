package org.peerbridge.server.app;

import java.nio.file.Path;
import java.time.Duration;
import org.peerbridge.mapping.population.ReportSettings;
import org.peerbridge.server.bulk.BulkExportSettings;
import org.peerbridge.server.security.SecuritySettings;
import org.peerbridge.server.storage.DatabaseSettings;
import org.peerbridge.server.subscription.SubscriptionSettings;

/**
 * Everything the server needs to start. Built by {@link Main} from flags, environment and config file;
 * tests build it directly from {@link #defaults()}.
 *
 * @param port         HTTP port; 0 picks a free one
 * @param dataDir      where the embedded H2 database lives when no dbUrl is given
 * @param dbUrl        any JDBC URL (H2 or PostgreSQL); null means the embedded H2 file database under dataDir
 * @param baseUrl      public base URL for links (behind a proxy); null means derived from each request
 * @param programOrg   reference of the Organization that owns referrals, e.g. Organization/peerbridge-program
 * @param maxBodyBytes requests with a larger body are refused with 413
 * @param security     authorization, TLS, CORS and rate limit settings
 * @param subscriptions how subscription notifications are delivered
 * @param reports      program-outcomes policy: minimum cell size, estimated cost saving
 * @param bulkExport   Bulk Data export workers and how long finished exports are kept
 * @param limits       how much one request may ask of the server (Bundle entries, body data rate)
 * @param drainPeriod  after SIGTERM, how long the server keeps serving while /health/ready says it is not
 *                     ready (so a load balancer stops sending new requests) before it stops
 */
public record ServerConfig(
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String baseUrl,
        String programOrg,
        long maxBodyBytes,
        int dbPoolSize,
        SecuritySettings security,
        SubscriptionSettings subscriptions,
        ReportSettings reports,
        BulkExportSettings bulkExport,
        RequestLimits limits,
        Duration drainPeriod) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_DATA_DIR = "data";
    public static final String DEFAULT_PROGRAM_ORG = "Organization/peerbridge-program";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_DB_POOL_SIZE = 16;
    public static final Duration DEFAULT_DRAIN_PERIOD = Duration.ofSeconds(10);

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, Path.of(DEFAULT_DATA_DIR), null, null, null, null,
                DEFAULT_PROGRAM_ORG, DEFAULT_MAX_BODY_BYTES, DEFAULT_DB_POOL_SIZE, SecuritySettings.defaults(),
                SubscriptionSettings.defaults(), ReportSettings.DEFAULTS,
                BulkExportSettings.defaults(), RequestLimits.defaults(), DEFAULT_DRAIN_PERIOD);
    }

    /** The storage layer's settings. */
    public DatabaseSettings database() {
        return new DatabaseSettings(effectiveDbUrl(), dbUser, dbPassword, dbPoolSize,
                dbUrl == null || dbUrl.isBlank() ? dataDir : null);
    }

    /** The JDBC URL actually used: the configured one, or the embedded H2 file database under dataDir. */
    public String effectiveDbUrl() {
        if (dbUrl != null && !dbUrl.isBlank()) {
            return dbUrl;
        }
        // WRITE_DELAY=1000: H2's commit only changes memory; the storage layer's group commit then writes the store
        // before the 2xx leaves, once for all the commits that arrived meanwhile, so a killed process loses nothing
        // acknowledged. H2's own writer stores what is left after a second (the background's rare idle changes).
        // No AUTO_SERVER: the database opens no port of its own, and a second process on the same folder is refused
        // (H2's file lock); the clients command reaches a running server through its admin API instead.
        // TRACE_LEVEL_FILE=0: no .trace.db file, whose SQL could quote values.
        // QUERY_CACHE_SIZE=128: each pooled connection keeps every statement the server uses parsed
        // (H2's default of 8 is fewer than one referral's statements, so it parsed most SQL on every request).
        // LOCK_TIMEOUT=10000: a write waits up to 10 s for a row another transaction holds, as PostgreSQL waits, where
        // H2's default of 2 s failed writes on a busy machine; longer is answered 503 (Database).
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("peerbridge")
                + ";WRITE_DELAY=1000;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=128;LOCK_TIMEOUT=10000";
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withDataDir(Path newDataDir) {
        return new ServerConfig(port, newDataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withDatabase(String newDbUrl, String newDbUser, String newDbPassword) {
        return new ServerConfig(port, dataDir, newDbUrl, newDbUser, newDbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withBaseUrl(String newBaseUrl) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, newBaseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withReports(ReportSettings newReports) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions, newReports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withProgramOrg(String newProgramOrg) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, newProgramOrg, maxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withMaxBodyBytes(long newMaxBodyBytes) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, newMaxBodyBytes, dbPoolSize, security, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withSecurity(SecuritySettings newSecurity) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, newSecurity, subscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withSubscriptions(SubscriptionSettings newSubscriptions) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, newSubscriptions, reports, bulkExport, limits, drainPeriod);
    }

    public ServerConfig withBulkExport(BulkExportSettings newBulkExport) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions,
                reports, newBulkExport, limits, drainPeriod);
    }

    public ServerConfig withLimits(RequestLimits newLimits) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions,
                reports, bulkExport, newLimits, drainPeriod);
    }

    public ServerConfig withDrainPeriod(Duration newDrainPeriod) {
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security, subscriptions,
                reports, bulkExport, limits, newDrainPeriod);
    }
}
