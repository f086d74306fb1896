package org.peerbridge.server.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the runnable jar. Each option may also come from an environment variable
 * (PEERBRIDGE_ + the option name in upper snake case) or from a config file; a flag beats the
 * environment, which beats the file (see {@link LayeredDefaults}).
 */
@Command(name = "peerbridge", mixinStandardHelpOptions = true, version = "PeerBridge 0.1.0",
        description = "Runs the PeerBridge FHIR R4 server (peer support referrals between EHRs and programs).",
        footer = {"", "Every option can also be set as an environment variable (--db-url -> PEERBRIDGE_DB_URL)",
                "or as a line 'db-url=...' in the config file (--config, PEERBRIDGE_CONFIG, or ./peerbridge.properties).",
                "Precedence: flag > environment variable > config file > default."})
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with option defaults (default: ./peerbridge.properties if present).")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data", paramLabel = "DIR", description = "Directory of the embedded H2 database (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "Any JDBC URL, H2 or PostgreSQL (default: embedded H2 under --data-dir).")
    String dbUrl;

    @Option(names = "--db-user", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", description = "Database password.")
    String dbPassword;

    @Option(names = "--base-url", paramLabel = "URL", description = "Public base URL used in links, e.g. https://fhir.example.org/fhir (default: from each request).")
    String baseUrl;

    @Option(names = "--program-org", paramLabel = "REFERENCE", defaultValue = ServerConfig.DEFAULT_PROGRAM_ORG,
            description = "The Organization that owns referrals (default: ${DEFAULT-VALUE}).")
    String programOrg;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Largest accepted request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--db-pool-size", defaultValue = "16", description = "Database connection pool size (default: ${DEFAULT-VALUE}).")
    int dbPoolSize;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setDefaultValueProvider(LayeredDefaults.fromEnvironment(args));
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig = new ServerConfig(port, dataDir, dbUrl, dbUser, dbPassword, baseUrl, programOrg,
                maxBodyBytes, dbPoolSize);
        long started = System.nanoTime();
        PeerBridgeServer server = PeerBridgeServer.start(serverConfig);
        LOG.info("PeerBridge ready at {} in {} ms", server.baseUrl(), (System.nanoTime() - started) / 1_000_000);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing in-flight requests");
            server.close();
            stopped.countDown();
        }, "peerbridge-shutdown"));
        stopped.await();
        return 0;
    }
}
