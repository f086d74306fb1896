package org.peerbridge.server.app;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerbridge.mapping.population.ReportSettings;
import org.peerbridge.server.bulk.BulkExportSettings;
import org.peerbridge.server.storage.DataFolderInUse;
import org.peerbridge.server.security.SecuritySettings;
import org.peerbridge.server.subscription.SubscriptionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import sun.misc.Signal;

/**
 * Entry point of the runnable jar. Each option may also come from an environment variable
 * (PEERBRIDGE_ + the option name in upper snake case) or from a config file; a flag beats the
 * environment, which beats the file (see {@link LayeredDefaults}).
 */
@Command(name = "peerbridge", mixinStandardHelpOptions = true, version = "PeerBridge 0.1.0",
        subcommands = {ClientsCommand.class, UsersCommand.class, EhrsCommand.class, TokenCommand.class},
        description = "Runs the PeerBridge FHIR R4 server (peer support referrals between EHRs and programs).",
        footer = {"", "Every option can also be set as an environment variable (--db-url -> PEERBRIDGE_DB_URL)",
                "or as a line 'db-url=...' in the config file (--config, PEERBRIDGE_CONFIG, or ./peerbridge.properties).",
                "Precedence: flag > environment variable > config file > default."})
public final class Main implements Callable<Integer> {

    /** When the process's start time cannot be read: about when the JVM began running PeerBridge's code. */
    private static final long LOADED_AT = System.currentTimeMillis();

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with option defaults (default: ./peerbridge.properties if present).")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(scope = ScopeType.INHERIT, names = "--data-dir", defaultValue = "data", paramLabel = "DIR", description = "Directory of the embedded H2 database (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(scope = ScopeType.INHERIT, names = "--db-url", paramLabel = "JDBC_URL", description = "Any JDBC URL, H2 or PostgreSQL (default: embedded H2 under --data-dir).")
    String dbUrl;

    @Option(scope = ScopeType.INHERIT, names = "--db-user", description = "Database user.")
    String dbUser;

    @Option(scope = ScopeType.INHERIT, names = "--db-password", description = "Database password.")
    String dbPassword;

    @Option(names = "--base-url", paramLabel = "URL", description = "Public base URL used in links, e.g. https://fhir.example.org/fhir (default: from each request).")
    String baseUrl;

    @Option(scope = ScopeType.INHERIT, names = "--program-org", paramLabel = "REFERENCE", defaultValue = ServerConfig.DEFAULT_PROGRAM_ORG,
            description = "The Organization that owns referrals (default: ${DEFAULT-VALUE}).")
    String programOrg;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Largest accepted request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-bundle-entries", defaultValue = "" + RequestLimits.DEFAULT_MAX_BUNDLE_ENTRIES, paramLabel = "N",
            description = "Most entries in one transaction or batch Bundle; more gets 413 before any entry runs (default: ${DEFAULT-VALUE}).")
    int maxBundleEntries;

    @Option(names = "--min-request-data-rate", defaultValue = "" + RequestLimits.DEFAULT_MIN_REQUEST_DATA_RATE, paramLabel = "BYTES_PER_SECOND",
            description = "Slowest average rate a request body may arrive at; slower gets 408, 0 turns the check off (default: ${DEFAULT-VALUE}).")
    long minRequestDataRate;

    @Option(names = "--validator-wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "Just after start: how long a write waits for the validator to load before it gets 503 with Retry-After"
                    + " (default: ${DEFAULT-VALUE}).")
    long validatorWaitSeconds;

    @Option(names = "--drain-seconds", defaultValue = "10", paramLabel = "SECONDS",
            description = "After SIGTERM: seconds the server keeps serving while /health/ready answers 503, before it finishes"
                    + " the requests in flight and stops (default: ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(scope = ScopeType.INHERIT, names = "--db-pool-size", defaultValue = "16", description = "Database connection pool size (default: ${DEFAULT-VALUE}).")
    int dbPoolSize;

    @Option(names = "--no-auth", description = "Development only: no authorization, every request acts as the program."
            + " Binds to 127.0.0.1 only.")
    boolean noAuth;

    @Option(names = "--token-lifetime", defaultValue = "300", paramLabel = "SECONDS",
            description = "Lifetime of access tokens in seconds (default: ${DEFAULT-VALUE}).")
    long tokenLifetimeSeconds;

    @Option(names = "--rate-limit", defaultValue = "" + SecuritySettings.DEFAULT_RATE_LIMIT_PER_MINUTE, paramLabel = "N",
            description = "Requests one client may send per minute; more get 429 with Retry-After (default: ${DEFAULT-VALUE}).")
    int rateLimitPerMinute;

    @Option(names = "--cors-origins", split = ",", paramLabel = "ORIGIN",
            description = "Browser origins allowed to call the API, comma-separated, e.g. https://app.example.org (default: none).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Keystore (PKCS12 or JKS) with the server certificate: serve HTTPS.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", description = "Password of --tls-keystore.")
    String tlsKeystorePassword;

    @Option(names = "--tls-keystore-type", defaultValue = "PKCS12", description = "PKCS12 or JKS (default: ${DEFAULT-VALUE}).")
    String tlsKeystoreType;

    @Option(names = "--allow-insecure-subscription-endpoints", description = "Development only: accept Subscription endpoints"
            + " with plain http on any host (without it, http is accepted only for loopback addresses, https everywhere).")
    boolean allowInsecureSubscriptionEndpoints;

    @Option(names = "--subscription-workers", defaultValue = "8", paramLabel = "N",
            description = "Notifications sent at once at most, one per subscription (default: ${DEFAULT-VALUE}).")
    int subscriptionWorkers;

    @Option(names = "--subscription-retry", defaultValue = "2000", paramLabel = "MILLIS",
            description = "Delay before the first retry of a failed notification; each further failure doubles it (default: ${DEFAULT-VALUE}).")
    long subscriptionRetryMillis;

    @Option(names = "--subscription-retry-cap", defaultValue = "300000", paramLabel = "MILLIS",
            description = "Longest delay between retries of a failed notification (default: ${DEFAULT-VALUE}).")
    long subscriptionRetryCapMillis;

    @Option(names = "--subscription-poll", defaultValue = "200", paramLabel = "MILLIS",
            description = "How often the delivery worker looks for notifications to send (default: ${DEFAULT-VALUE}).")
    long subscriptionPollMillis;

    @Option(names = "--subscription-error-after", defaultValue = "3", paramLabel = "N",
            description = "Failed deliveries in a row after which a subscription shows status error (default: ${DEFAULT-VALUE}).")
    int subscriptionErrorAfter;

    @Option(names = "--report-min-cell-size", defaultValue = "11", paramLabel = "N",
            description = "$program-outcomes hides counts from 1 to N - 1 and whatever would reveal them (default: ${DEFAULT-VALUE}).")
    int reportMinCellSize;

    @Option(names = "--report-cost-saving", defaultValue = "615", paramLabel = "AMOUNT",
            description = "ESTIMATED medical-cost saving per participant per year that $program-outcomes states, from published"
                    + " evaluations (default: ${DEFAULT-VALUE}, Bravata et al. 2023).")
    BigDecimal reportCostSaving;

    @Option(names = "--report-currency", defaultValue = "USD", paramLabel = "ISO-4217",
            description = "Currency of --report-cost-saving (default: ${DEFAULT-VALUE}).")
    String reportCurrency;

    @Option(names = "--bulk-export-workers", defaultValue = "1", paramLabel = "N",
            description = "Bulk Data exports this server runs at once, one thread and one database connection each; 0 leaves them"
                    + " to other replicas (default: ${DEFAULT-VALUE}).")
    int bulkExportWorkers;

    @Option(names = "--bulk-export-share", defaultValue = "0.5", paramLabel = "FRACTION",
            description = "The share of its time a Bulk Data export works, above 0 and at most 1: after each page it rests for the"
                    + " rest, so the API keeps most of the machine while an export runs (default: ${DEFAULT-VALUE}).")
    double bulkExportShare;

    @Option(names = "--bulk-export-retention", defaultValue = "24", paramLabel = "HOURS",
            description = "How long a finished Bulk Data export's files stay downloadable before they are removed (default: ${DEFAULT-VALUE}).")
    int bulkExportRetentionHours;

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Stops as soon as the server is ready for writes: the build's run that records the classes a start-up loads"
                    + " (the class-data-sharing archive the launcher script uses).")
    boolean exitWhenReady;

    public static void main(String[] args) {
        CommandLine commandLine = configure(new CommandLine(new Main()));
        commandLine.setDefaultValueProvider(LayeredDefaults.fromEnvironment(args));
        System.exit(commandLine.execute(args)); // after a drain, the server's own threads are gone but the JVM's hooks still run
    }

    /**
     * The command line as operators meet it: {@code token --help} shows only the token's options, and an
     * ordinary mistake or circumstance ({@link CommandFailure}, a data folder in use) is one line and exit 1.
     */
    static CommandLine configure(CommandLine commandLine) {
        withoutInheritedOptions(commandLine.getSubcommands().get("token"));
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof CommandFailure || failure instanceof DataFolderInUse) {
                command.getErr().println(failure.getMessage());
                return 1;
            }
            throw failure;
        });
        return commandLine;
    }

    /** The token command talks to a server over HTTP: the server's own options (data folder, database ...) do not apply. */
    private static void withoutInheritedOptions(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        for (CommandLine.Model.OptionSpec option : List.copyOf(spec.options())) {
            if (option.inherited()) {
                spec.remove(option);
            }
        }
    }

    /** The configuration the options describe; the subcommands open the same database. */
    ServerConfig serverConfig() {
        SecuritySettings security = new SecuritySettings(!noAuth, Duration.ofSeconds(tokenLifetimeSeconds), rateLimitPerMinute,
                corsOrigins, tlsKeystore, tlsKeystorePassword, tlsKeystoreType);
        SubscriptionSettings subscriptions = new SubscriptionSettings(allowInsecureSubscriptionEndpoints, subscriptionWorkers,
                Duration.ofMillis(subscriptionPollMillis), Duration.ofMillis(subscriptionRetryMillis),
                Duration.ofMillis(subscriptionRetryCapMillis), subscriptionErrorAfter);
        return new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg, maxBodyBytes, dbPoolSize, security,
                subscriptions, new ReportSettings(reportMinCellSize, reportCostSaving, reportCurrency), bulkExportSettings(),
                new RequestLimits(maxBundleEntries, minRequestDataRate, Duration.ofSeconds(validatorWaitSeconds)), Duration.ofSeconds(drainSeconds));
    }

    private BulkExportSettings bulkExportSettings() {
        try {
            return BulkExportSettings.defaults().withWorkers(bulkExportWorkers).withShare(bulkExportShare)
                    .withRetention(Duration.ofHours(bulkExportRetentionHours));
        } catch (IllegalArgumentException outOfRange) {
            throw new CommandFailure("--bulk-export-share: " + outOfRange.getMessage());
        }
    }

    /**
     * Since the process started, as whoever launched it waits: the JVM's own start and the command line's parsing
     * count too (about a second on two cores), not only the server's start.
     */
    private static long millisSinceLaunch() {
        long launched = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(LOADED_AT);
        return System.currentTimeMillis() - launched;
    }

    @Override
    public Integer call() throws Exception {
        // here, not in a static field: the token command must not pay for configuring logging it never uses
        Logger log = LoggerFactory.getLogger(Main.class);
        ServerConfig serverConfig = serverConfig();
        PeerBridgeServer server = PeerBridgeServer.start(serverConfig);
        // The validator loads beside the start-up, so it has usually, but not always, finished by now.
        String writes = server.validatorLoaded().isDone() ? ""
                : "; the validator is still loading the R4 definitions, and writes wait for it (up to --validator-wait)";
        log.info("PeerBridge answering at {} in {} ms: metadata, reads and searches answer now{}", server.baseUrl(),
                millisSinceLaunch(), writes);
        server.validatorLoaded().thenRun(() -> log.info("PeerBridge ready at {} in {} ms: writes are validated",
                server.baseUrl(), millisSinceLaunch()));
        if (exitWhenReady) {
            server.validatorLoaded().join();
            server.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        Runnable drainThenStop = () -> {
            if (closing.compareAndSet(false, true)) {
                log.info("Shutting down: draining, then finishing in-flight requests");
                server.drainThenClose();
            }
            stopped.countDown();
        };
        // SIGTERM and Ctrl-C are handled here rather than in a shutdown hook: the JVM runs every hook at once,
        // and H2's closes the embedded database while the drain period still serves requests.
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> new Thread(drainThenStop, "peerbridge-drain").start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // any other exit: no drain
            if (closing.compareAndSet(false, true)) {
                server.close();
            }
        }, "peerbridge-shutdown"));
        stopped.await();
        return 0;
    }
}
