package org.peerbridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerbridge.bench.notify.NotificationReport;
import org.peerbridge.bench.notify.NotificationSink;
import org.peerbridge.bench.notify.Subscribers;
import org.peerbridge.bench.scenario.RunId;
import org.peerbridge.bench.scenario.Scenario;
import org.peerbridge.bench.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar peerbridge-bench.jar --server http://localhost:8080/fhir --clients 8 --warmup 10s
 * --duration 30s --scenario referral}
 *
 * <p>Exit status: 0 when the measured window had successes and no errors, 1 when it had errors or no
 * success at all, 2 for bad arguments, a server that is not up (GET [base]/metadata is not 200) or a
 * scenario whose setup requests are refused.
 */
@Command(name = "peerbridge-bench", mixinStandardHelpOptions = true, version = "peerbridge-bench 0.1.0",
        sortOptions = false,
        description = {"Closed-loop load generator for a PeerBridge (or any FHIR R4) server.",
            "N client threads each send the scenario's next request as soon as the previous answer is read.",
            "Counts 2xx answers as successes; reports throughput and p50/p90/p99/max latency of the measured window."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", defaultValue = "http://localhost:8080/fhir", paramLabel = "URL",
            description = "FHIR base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--scenario", defaultValue = "referral", paramLabel = "NAME",
            description = "What to send (default: ${DEFAULT-VALUE}; see --list-scenarios).")
    String scenario;

    @Option(names = "--clients", defaultValue = "8", paramLabel = "N",
            description = "Concurrent client threads, each in a closed loop (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Load before measuring; not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--prime", defaultValue = "0", paramLabel = "N",
            description = "Send N requests one at a time before the warmup and report their latency: the cost of the "
                    + "server's first requests after start-up (default: ${DEFAULT-VALUE}).")
    int prime;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Per-request timeout; a timeout counts as an error (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-requests", defaultValue = "10000000", paramLabel = "N",
            description = "Hard cap on requests sent, warmup included (default: ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME:VALUE",
            description = "Extra request header, repeatable (e.g. -H 'Prefer: return=minimal', -H 'Authorization: Bearer ...').")
    String[] headers = new String[0];

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Token that makes identifiers unique per run (default: random).")
    String runId;

    @Option(names = "--progress", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Interval of progress lines on stderr; 0 for none (default: ${DEFAULT-VALUE}).")
    Duration progress;

    @Option(names = "--results-file", paramLabel = "FILE",
            description = "Also write the results as key=value lines to FILE (for scripts).")
    Path resultsFile;

    @Option(names = "--subscribers", defaultValue = "0", paramLabel = "N",
            description = "Before the load, subscribe N times to the SDOH Task topic with a receiver started in this process;"
                    + " report notification throughput and the delay from change to delivery, p50/p99 (default: ${DEFAULT-VALUE}, none).")
    int subscribers;

    @Option(names = "--drain", defaultValue = "120s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "With --subscribers: the longest wait after the load for notifications still on their way (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--list-scenarios", description = "List the scenarios and exit.")
    boolean listScenarios;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (listScenarios) {
            for (String name : Scenarios.names()) {
                Scenario s = Scenarios.create(name, "list");
                out.printf("%-24s %s%n", name, s.description());
            }
            return 0;
        }
        validate();
        String id = runId != null ? runId : randomRunId();
        Scenario chosen;
        try {
            chosen = Scenarios.create(scenario, id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }

        LoadGenerator generator = new LoadGenerator(new LoadGenerator.Settings(server, clients, warmup, duration,
                timeout, maxRequests, parseHeaders(), progress), err);
        String problem = generator.preflight();
        if (problem != null) {
            err.println("error: server not ready: " + problem);
            return 2;
        }
        err.printf(Locale.ROOT, "peerbridge-bench: scenario %s, %d clients, warmup %s, duration %s, run id %s, server %s%n",
                chosen.name(), clients, human(warmup), human(duration), id, server);
        long setupStart = System.nanoTime();
        try {
            generator.prepare(chosen);
        } catch (IOException e) {
            err.println("error: setting up scenario " + chosen.name() + " failed: " + e.getMessage());
            return 2;
        }
        err.printf(Locale.ROOT, "  set up in %.1f s%n", (System.nanoTime() - setupStart) / 1e9);
        try (NotificationSink sink = subscribers > 0 ? NotificationSink.start() : null) {
            if (sink != null) {
                try {
                    Subscribers.subscribe(generator.setup(), sink, subscribers, id, Duration.ofSeconds(120));
                } catch (IOException e) {
                    err.println("error: subscribing failed: " + e.getMessage());
                    return 2;
                }
                err.printf(Locale.ROOT, "  %d subscribers active, receiving at %s%n", subscribers, sink.url());
            }
            return measure(generator, chosen, id, sink);
        }
    }

    private int measure(LoadGenerator generator, Scenario chosen, String id, NotificationSink sink) throws InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        LoadGenerator.PrimeResult primed = null;
        if (prime > 0) {
            primed = generator.prime(chosen, prime);
            err.printf(Locale.ROOT, "  primed with %d request(s): first %.0f ms, slowest %.0f ms, %s%n",
                    primed.count(), primed.firstMillis(), primed.maxMillis(), primed.outcomes());
        }
        if (sink != null) {
            long windowStart = System.currentTimeMillis() + warmup.toMillis();
            sink.window(windowStart, windowStart + duration.toMillis());
        }
        BenchResult result = generator.run(chosen, id, primed);
        out.print(result.toText());
        NotificationReport notified = sink == null ? null
                : NotificationReport.after(sink, subscribers, duration.toMillis() / 1000.0, drain);
        if (notified != null) {
            out.print(notified.toText());
        }
        out.flush();
        if (resultsFile != null) {
            try {
                result.writeProperties(resultsFile);
                if (notified != null) {
                    notified.appendProperties(resultsFile);
                }
            } catch (IOException e) {
                err.println("error: cannot write " + resultsFile + ": " + e.getMessage());
                return 2;
            }
        }
        return result.ok() > 0 && result.errorCount() == 0 ? 0 : 1;
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (clients < 1 || clients > 1024) {
            throw new ParameterException(cl, "--clients must be between 1 and 1024");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ParameterException(cl, "--duration must be positive");
        }
        if (warmup.isNegative()) {
            throw new ParameterException(cl, "--warmup must not be negative");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ParameterException(cl, "--timeout must be positive");
        }
        if (progress.isNegative()) {
            throw new ParameterException(cl, "--progress must not be negative");
        }
        if (prime < 0 || prime > 10_000) {
            throw new ParameterException(cl, "--prime must be between 0 and 10000");
        }
        if (subscribers < 0 || subscribers > 10_000) {
            throw new ParameterException(cl, "--subscribers must be between 0 and 10000");
        }
        if (maxRequests < 1) {
            throw new ParameterException(cl, "--max-requests must be at least 1");
        }
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null) {
            throw new ParameterException(cl, "--server must be an http(s) URL, e.g. http://localhost:8080/fhir");
        }
        if (runId != null && !RunId.isValid(runId)) {
            throw new ParameterException(cl, "--run-id must be 1-16 letters or digits");
        }
    }

    private Map<String, String> parseHeaders() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException(spec.commandLine(), "--header must look like 'Name: value': " + h);
            }
            parsed.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        return parsed;
    }

    private static String randomRunId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
