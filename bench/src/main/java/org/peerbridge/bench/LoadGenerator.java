package org.peerbridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.peerbridge.bench.scenario.BenchRequest;
import org.peerbridge.bench.scenario.Scenario;
import org.peerbridge.bench.scenario.ServerSetup;

/**
 * Closed-loop load: a fixed pool of client threads, each sending its next request as soon as the
 * previous answer is read. Concurrency is therefore exactly {@code clients}; throughput is what the
 * server sustains at that concurrency and latency is service time at that concurrency (a closed
 * loop does not model arrivals that keep coming while the server stalls).
 *
 * <p>Time line: warmup (requests sent, not counted), then the measured window. A request counts when
 * it started and finished inside the window. Everything is bounded by time, by
 * {@code maxRequests}, and by the per-request timeout.
 */
final class LoadGenerator {

    record Settings(URI base, int clients, Duration warmup, Duration duration, Duration requestTimeout,
                    long maxRequests, Map<String, String> headers, Duration progressInterval) {
    }

    private static final int MAX_SAMPLE_CHARS = 4_000;

    private final Settings settings;
    private final HttpClient http;
    private final PrintStream log;
    private final String base;
    /** The server's root (scheme, host and port): where the paths outside the FHIR base start. */
    private final String root;
    private final long highestTrackableMicros;
    /** Request numbers, shared by priming and all clients: unique per run. */
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<String, String> primeSamples = new ConcurrentHashMap<>();

    LoadGenerator(Settings settings, PrintStream log) {
        this.settings = settings;
        this.highestTrackableMicros = Math.max(settings.requestTimeout().toNanos() / 1_000 * 2, 60_000_000L);
        this.log = log;
        String b = settings.base().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        URI server = settings.base();
        this.root = server.getScheme() + "://" + server.getRawAuthority();
        // One client, HTTP/1.1: it keeps one keep-alive connection per concurrently active client thread.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET [base]/metadata: the server must be up before the clock starts. Returns null or a problem. */
    String preflight() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/metadata"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", BenchRequest.FHIR_JSON)
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return "GET " + request.uri() + " answered " + response.statusCode();
            }
            return null;
        } catch (IOException e) {
            return "GET " + request.uri() + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Lets the scenario create what its requests need ({@link Scenario#prepare}); a refused setup request stops the run. */
    void prepare(Scenario scenario) throws IOException, InterruptedException {
        scenario.prepare(setup());
    }

    /** Sends set-up requests (untimed); to {@code send}, an answer other than 2xx is an IOException. */
    ServerSetup setup() {
        return new ServerSetup() {
            @Override
            public void send(BenchRequest request) throws IOException, InterruptedException {
                Answer answer = exchange(request);
                if (answer.status() / 100 != 2) {
                    throw new IOException(request.method() + " " + (request.path().isEmpty() ? "[base]" : request.path()) + " answered "
                            + answer.status() + ": " + truncate(answer.bodyText()));
                }
            }

            @Override
            public Answer exchange(BenchRequest request) throws IOException, InterruptedException {
                HttpResponse<byte[]> response = http.send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
                Map<String, List<String>> headers = new TreeMap<>();
                response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                return new Answer(response.statusCode(), headers, response.body());
            }
        };
    }

    BenchResult run(Scenario scenario, String runId, PrimeResult prime) throws InterruptedException {
        long highestTrackable = highestTrackableMicros;

        long startNanos = System.nanoTime();
        long measureStart = startNanos + settings.warmup().toNanos();
        long measureEnd = measureStart + settings.duration().toNanos();

        Recorder progressLatency = new Recorder(1, highestTrackable, 2);
        LongAdder progressErrors = new LongAdder();
        ConcurrentMap<String, String> samples = new ConcurrentHashMap<>(primeSamples);
        List<ClientStats> stats = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < settings.clients(); i++) {
            ClientStats clientStats = new ClientStats(highestTrackable);
            stats.add(clientStats);
            Thread thread = new Thread(() -> clientLoop(scenario, measureStart, measureEnd, clientStats,
                    progressLatency, progressErrors, samples), "bench-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        CpuClock cpu = new CpuClock();
        CpuClock.Snapshot atStart = null;
        long nextProgress = settings.progressInterval().isZero() ? Long.MAX_VALUE
                : startNanos + settings.progressInterval().toNanos();
        long lastProgress = startNanos;
        Histogram interval = null;
        while (anyAlive(threads)) {
            long now = System.nanoTime();
            if (atStart == null && now >= measureStart) {
                atStart = cpu.snapshot();
            }
            if (now >= measureEnd) {
                break;
            }
            long wakeAt = Math.min(nextProgress, atStart == null ? measureStart : measureEnd);
            if (now >= nextProgress) {
                interval = progressLatency.getIntervalHistogram(interval);
                printProgress(now, startNanos, measureStart, lastProgress, interval, progressErrors.sumThenReset());
                lastProgress = now;
                nextProgress += settings.progressInterval().toNanos();
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(1, Math.min(wakeAt - now, 200_000_000L)));
        }
        CpuClock.Snapshot atEnd = cpu.snapshot();
        if (atStart == null) {
            atStart = atEnd;
        }
        long windowEnd = Math.min(System.nanoTime(), measureEnd);

        long joinDeadline = System.nanoTime() + settings.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread thread : threads) {
            long left = joinDeadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        for (Thread thread : threads) {
            thread.join(2_000);
            if (thread.isAlive()) {
                log.println("warning: " + thread.getName() + " still running after the deadline; its counts are partial");
            }
        }

        Histogram total = new Histogram(1, highestTrackable, 3);
        long ok = 0;
        long warmupOk = 0;
        long warmupErrors = 0;
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> unfinished = new TreeMap<>();
        long longestUnfinished = 0;
        for (ClientStats s : stats) {
            synchronized (s) {
                s.unfinished.forEach((k, v) -> unfinished.merge(k, v, Long::sum));
                longestUnfinished = Math.max(longestUnfinished, s.longestUnfinishedMicros);
                total.add(s.latencyMicros);
                ok += s.ok;
                s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
                warmupOk += s.warmupOk;
                warmupErrors += s.warmupErrors.values().stream().mapToLong(Long::longValue).sum();
            }
        }
        double window = Math.max(0, windowEnd - measureStart) / 1e9;
        return new BenchResult(scenario.name(), base, runId, settings.clients(), prime,
                settings.warmup().toMillis() / 1000.0, window, ok, errors, new TreeMap<>(samples),
                warmupOk, warmupErrors, unfinished, longestUnfinished / 1000.0, total,
                atEnd.processCpuCoresSince(atStart), atEnd.machineBusyPercentSince(atStart), cpu.cpus());
    }

    private void clientLoop(Scenario scenario, long measureStart, long measureEnd,
                            ClientStats stats, Recorder progressLatency, LongAdder progressErrors,
                            ConcurrentMap<String, String> samples) {
        while (!Thread.currentThread().isInterrupted()) {
            if (System.nanoTime() >= measureEnd) {
                return;
            }
            long seq = sequence.getAndIncrement();
            if (seq >= settings.maxRequests()) {
                return;
            }
            HttpRequest request;
            try {
                request = toHttp(scenario.next(seq));
            } catch (RuntimeException e) {
                // A scenario that cannot build its request is a bench bug: stop this client loudly.
                log.println("error: scenario " + scenario.name() + " failed to build request " + seq + ": " + e);
                return;
            }
            long t0 = System.nanoTime();
            String error;
            try {
                error = exchange(scenario, request, samples);
            } catch (InterruptedException e) {
                return;
            }
            long t1 = System.nanoTime();
            long micros = (t1 - t0) / 1_000;
            if (error == null) {
                progressLatency.recordValue(Math.min(Math.max(micros, 1), highestTrackableMicros));
            } else {
                progressErrors.increment();
            }
            synchronized (stats) {
                if (t0 >= measureStart && t1 <= measureEnd) {
                    if (error == null) {
                        stats.recordOk(micros);
                    } else {
                        stats.recordError(error);
                    }
                } else if (t1 > measureEnd) {
                    stats.recordUnfinished(error, micros);
                } else {
                    stats.recordWarmup(error);
                }
            }
            if (error != null && error.startsWith("io ")) {
                pauseAfterTransportError(error);
            }
        }
    }

    /** Sends one request and reads the whole answer; returns null for success or an error label. */
    private String exchange(Scenario scenario, HttpRequest request, ConcurrentMap<String, String> samples)
            throws InterruptedException {
        String error;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                error = scenario.checkSuccess(status, response.body());
            } else {
                error = "HTTP " + status;
            }
            if (error != null) {
                samples.putIfAbsent(error, truncate(new String(response.body(), StandardCharsets.UTF_8)));
            }
        } catch (HttpTimeoutException e) {
            error = "timeout";
            samples.putIfAbsent(error, "no answer within " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            error = "io " + e.getClass().getSimpleName();
            samples.putIfAbsent(error, String.valueOf(e.getMessage()));
        }
        return error;
    }

    /** What the priming requests saw: the cost of the server's first requests after start-up. */
    record PrimeResult(int count, double firstMillis, double maxMillis, Map<String, Long> outcomes) {
    }

    /**
     * Sends {@code count} requests one after the other, before any clock starts, and times them:
     * a server that initialises lazily pays for it here, visibly, instead of inside the warmup.
     */
    PrimeResult prime(Scenario scenario, int count) throws InterruptedException {
        double first = Double.NaN;
        double max = 0;
        Map<String, Long> outcomes = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = toHttp(scenario.next(sequence.getAndIncrement()));
            long t0 = System.nanoTime();
            String error = exchange(scenario, request, primeSamples);
            double millis = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
                first = millis;
            }
            max = Math.max(max, millis);
            outcomes.merge(error == null ? "ok" : error, 1L, Long::sum);
        }
        return new PrimeResult(count, first, max, outcomes);
    }

    /** A refused connection fails in microseconds; do not spin at full speed against a dead server. */
    private static void pauseAfterTransportError(String error) {
        try {
            Thread.sleep(error.contains(ConnectException.class.getSimpleName()) ? 100 : 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest toHttp(BenchRequest r) {
        String path = r.path().isEmpty() ? base : r.path().startsWith("/") ? root + r.path() : base + "/" + r.path();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path))
                .timeout(settings.requestTimeout())
                .header("Accept", BenchRequest.FHIR_JSON);
        settings.headers().forEach(b::header);
        r.headers().forEach(b::setHeader);
        if (r.body() == null) {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", r.contentType());
            b.method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        }
        return b.build();
    }

    private void printProgress(long now, long start, long measureStart, long last, Histogram interval, long errors) {
        double seconds = (now - last) / 1e9;
        String phase = now <= measureStart ? "warmup " : "measure";
        log.printf(Locale.ROOT, "  [%s %5.0fs] %8.1f ok/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d%n",
                phase, (now - start) / 1e9, interval.getTotalCount() / seconds,
                interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0,
                interval.getMaxValue() / 1000.0, errors);
    }

    private static boolean anyAlive(List<Thread> threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String body) {
        return body.length() <= MAX_SAMPLE_CHARS ? body : body.substring(0, MAX_SAMPLE_CHARS) + " ...";
    }

    /** CPU time of this process and, on Linux, busy time of the whole machine (/proc/stat). */
    static final class CpuClock {

        record Snapshot(long wallNanos, long processCpuNanos, long machineBusyTicks, long machineTotalTicks) {

            double processCpuCoresSince(Snapshot earlier) {
                long wall = wallNanos - earlier.wallNanos;
                return wall <= 0 || processCpuNanos < 0 ? Double.NaN
                        : (processCpuNanos - earlier.processCpuNanos) / (double) wall;
            }

            double machineBusyPercentSince(Snapshot earlier) {
                long total = machineTotalTicks - earlier.machineTotalTicks;
                return total <= 0 ? Double.NaN : 100.0 * (machineBusyTicks - earlier.machineBusyTicks) / total;
            }
        }

        private final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

        int cpus() {
            return Runtime.getRuntime().availableProcessors();
        }

        Snapshot snapshot() {
            long process = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
            long busy = -1;
            long total = -1;
            try {
                // First line: cpu user nice system idle iowait irq softirq steal guest guest_nice
                String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
                String[] f = first.trim().split("\\s+");
                long sum = 0;
                for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                    sum += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                total = sum;
                busy = sum - idle;
            } catch (IOException | RuntimeException e) {
                // not Linux: machine figure unavailable
            }
            return new Snapshot(System.nanoTime(), process, busy, total);
        }
    }
}
