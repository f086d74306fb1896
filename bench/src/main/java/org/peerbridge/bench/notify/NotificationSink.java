package org.peerbridge.bench.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * The subscribers' endpoint, run inside the load generator: a JDK HttpServer on 127.0.0.1 that answers
 * every notification 200 at once and, for each event it carries, records the delay from the change
 * (the event's timestamp, taken by the server when it wrote the version) to its arrival here. Both
 * clocks are this machine's, so the delay is exact to the millisecond.
 */
public final class NotificationSink implements AutoCloseable {

    /** An event's timestamp part, as PeerBridge's JSON writes it. */
    private static final Pattern TIMESTAMP = Pattern.compile("\"name\"\\s*:\\s*\"timestamp\"\\s*,\\s*\"valueInstant\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"name\"\\s*:\\s*\"type\"\\s*,\\s*\"valueCode\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Recorder delays = new Recorder(1, 3_600_000, 2);
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder eventNotifications = new LongAdder();
    private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());
    private volatile long windowStartMillis = Long.MAX_VALUE;
    private volatile long windowEndMillis = Long.MAX_VALUE;
    private final LongAdder eventsInWindow = new LongAdder();

    private NotificationSink(HttpServer server) {
        this.server = server;
    }

    public static NotificationSink start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        NotificationSink sink = new NotificationSink(http);
        http.setExecutor(sink.threads);
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            sink.record(new String(body, StandardCharsets.UTF_8), System.currentTimeMillis());
        });
        http.start();
        return sink;
    }

    private void record(String json, long arrivedMillis) {
        lastArrivalNanos.set(System.nanoTime());
        Matcher type = TYPE.matcher(json);
        if (type.find() && type.group(1).equals("handshake")) {
            handshakes.increment();
            return;
        }
        eventNotifications.increment();
        Matcher timestamp = TIMESTAMP.matcher(json);
        while (timestamp.find()) {
            events.increment();
            long changed = Instant.parse(normalise(timestamp.group(1))).toEpochMilli();
            delays.recordValue(Math.max(1, Math.min(arrivedMillis - changed, 3_600_000)));
            if (arrivedMillis >= windowStartMillis && arrivedMillis < windowEndMillis) {
                eventsInWindow.increment();
            }
        }
    }

    /** "2026-11-29T18:40:12.380+00:00" as Instant.parse reads it. */
    private static String normalise(String instant) {
        return java.time.OffsetDateTime.parse(instant).toInstant().toString();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    public long handshakes() {
        return handshakes.sum();
    }

    public long events() {
        return events.sum();
    }

    /** Events arriving between these two wall-clock times count towards the throughput. */
    public void window(long startMillis, long endMillis) {
        windowStartMillis = startMillis;
        windowEndMillis = endMillis;
    }

    public long eventsInWindow() {
        return eventsInWindow.sum();
    }

    /** POSTs that carried events (handshakes not counted). */
    public long eventNotifications() {
        return eventNotifications.sum();
    }

    /** Nanoseconds since the last notification arrived. */
    public long quietForNanos() {
        return System.nanoTime() - lastArrivalNanos.get();
    }

    /** Every delay recorded so far, in milliseconds. */
    public Histogram delays() {
        return delays.getIntervalHistogram();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
