package org.peerbridge.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run, counted over the measured window only (requests that started and finished
 * inside it). Latency covers successful (2xx, checked) requests; failures are counted by label.
 */
record BenchResult(
        String scenario,
        String server,
        String runId,
        int clients,
        LoadGenerator.PrimeResult prime,
        double warmupSeconds,
        double windowSeconds,
        long ok,
        Map<String, Long> errors,
        Map<String, String> errorSamples,
        long warmupOk,
        long warmupErrors,
        Map<String, Long> unfinished,
        double longestUnfinishedMillis,
        Histogram latencyMicros,
        double clientCpuCores,
        double machineCpuBusyPercent,
        int machineCpus) {

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    long unfinishedCount() {
        return unfinished.values().stream().mapToLong(Long::longValue).sum();
    }

    long requests() {
        return ok + errorCount();
    }

    double throughput() {
        return windowSeconds > 0 ? ok / windowSeconds : 0;
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    double meanMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMean() / 1000.0;
    }

    /** The human-readable block printed at the end of a run. */
    String toText() {
        StringBuilder out = new StringBuilder();
        out.append("== PeerBridge bench results ==\n");
        line(out, "scenario", scenario);
        line(out, "server", server);
        line(out, "run id", runId);
        line(out, "clients", Integer.toString(clients));
        if (prime != null && prime.count() > 0) {
            line(out, "prime", prime.count() + " sequential request(s) before the clock: first " + fmt("%.0f ms", prime.firstMillis())
                    + ", slowest " + fmt("%.0f ms", prime.maxMillis()) + " (" + describe(prime.outcomes()) + ")");
        }
        line(out, "warmup", fmt("%.1f s", warmupSeconds) + "  (" + warmupOk + " ok, " + warmupErrors + " errors, not counted)");
        line(out, "duration", fmt("%.1f s", windowSeconds));
        line(out, "requests", Long.toString(requests()));
        line(out, "ok (2xx)", Long.toString(ok));
        line(out, "errors", Long.toString(errorCount()));
        if (!unfinished.isEmpty()) {
            line(out, "unfinished", unfinishedCount() + " in flight when the window closed, not counted (" + describe(unfinished)
                    + fmt("; longest %.0f ms)", longestUnfinishedMillis));
        }
        line(out, "throughput", fmt("%.1f req/s", throughput()));
        line(out, "latency p50", fmt("%.2f ms", percentileMillis(50)));
        line(out, "latency p90", fmt("%.2f ms", percentileMillis(90)));
        line(out, "latency p99", fmt("%.2f ms", percentileMillis(99)));
        line(out, "latency max", fmt("%.2f ms", maxMillis()));
        line(out, "latency mean", fmt("%.2f ms", meanMillis()));
        line(out, "bench cpu", fmt("%.2f cores (this load generator)", clientCpuCores));
        if (!Double.isNaN(machineCpuBusyPercent)) {
            line(out, "machine cpu", fmt("%.0f%% busy of %d cores (everything on the machine)", machineCpuBusyPercent, machineCpus));
        }
        if (!errors.isEmpty()) {
            out.append("errors by status:\n");
            for (Map.Entry<String, Long> e : errors.entrySet()) {
                out.append(fmt("  %-28s %d%n", e.getKey(), e.getValue()));
            }
        }
        if (!errorSamples.isEmpty()) {
            out.append("first answer per error (any phase):\n");
            for (Map.Entry<String, String> e : errorSamples.entrySet()) {
                out.append("  ").append(e.getKey()).append(":\n");
                List<String> diagnostics = diagnostics(e.getValue());
                if (diagnostics.isEmpty()) {
                    out.append("    ").append(oneLine(e.getValue(), 600)).append('\n');
                } else {
                    for (String d : diagnostics) {
                        out.append("    - ").append(oneLine(d, 300)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** key=value lines for scripts (bench/run.sh reads them). */
    void writeProperties(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            prop(w, "scenario", scenario);
            prop(w, "server", server);
            prop(w, "run_id", runId);
            prop(w, "clients", Integer.toString(clients));
            if (prime != null && prime.count() > 0) {
                prop(w, "prime_count", Integer.toString(prime.count()));
                prop(w, "prime_first_ms", fmt("%.0f", prime.firstMillis()));
                prop(w, "prime_max_ms", fmt("%.0f", prime.maxMillis()));
                prop(w, "prime_outcomes", describe(prime.outcomes()));
            }
            prop(w, "warmup_s", fmt("%.1f", warmupSeconds));
            prop(w, "warmup_requests", Long.toString(warmupOk + warmupErrors));
            prop(w, "duration_s", fmt("%.1f", windowSeconds));
            prop(w, "requests", Long.toString(requests()));
            prop(w, "ok", Long.toString(ok));
            prop(w, "errors", Long.toString(errorCount()));
            prop(w, "throughput_rps", fmt("%.1f", throughput()));
            prop(w, "p50_ms", fmt("%.2f", percentileMillis(50)));
            prop(w, "p90_ms", fmt("%.2f", percentileMillis(90)));
            prop(w, "p99_ms", fmt("%.2f", percentileMillis(99)));
            prop(w, "max_ms", fmt("%.2f", maxMillis()));
            prop(w, "mean_ms", fmt("%.2f", meanMillis()));
            prop(w, "bench_cpu_cores", fmt("%.2f", clientCpuCores));
            prop(w, "machine_cpu_busy_pct", fmt("%.0f", machineCpuBusyPercent));
            prop(w, "errors_by_status", describe(errors));
            prop(w, "unfinished", Long.toString(unfinishedCount()));
            prop(w, "unfinished_by_outcome", describe(unfinished));
            prop(w, "unfinished_longest_ms", fmt("%.0f", longestUnfinishedMillis));
        }
    }

    private static String describe(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return out.toString();
    }

    private static final Pattern DIAGNOSTICS = Pattern.compile("\"diagnostics\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The OperationOutcome issue diagnostics in a JSON body, without a JSON library. */
    static List<String> diagnostics(String body) {
        List<String> found = new ArrayList<>();
        Matcher m = DIAGNOSTICS.matcher(body);
        while (m.find() && found.size() < 8) {
            found.add(m.group(1).replace("\\\"", "\"").replace("\\n", " ").replace("\\\\", "\\"));
        }
        return found;
    }

    private static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max) + " ...";
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(fmt("%-14s %s%n", key, value));
    }

    private static void prop(Writer w, String key, String value) throws IOException {
        w.write(key + "=" + value.replace("\n", " ") + "\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
