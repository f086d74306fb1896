package org.peerbridge.bench.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What the subscribers saw: events delivered in all and during the measured window (the throughput),
 * and the delay from each change to its delivery (p50/p90/p99/max), after waiting for the
 * notifications still on their way when the load stopped.
 */
public record NotificationReport(int subscribers, long events, long notifications, long eventsInWindow, double windowSeconds,
        Histogram delays, double drainSeconds, boolean drained) {

    /** How long no notification may arrive before the stream counts as drained. */
    private static final long QUIET_NANOS = Duration.ofSeconds(3).toNanos();

    public static NotificationReport after(NotificationSink sink, int subscribers, double windowSeconds, Duration maxDrain)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxDrain.toNanos();
        while (sink.quietForNanos() < QUIET_NANOS && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean drained = sink.quietForNanos() >= QUIET_NANOS;
        return new NotificationReport(subscribers, sink.events(), sink.eventNotifications(), sink.eventsInWindow(), windowSeconds, sink.delays(),
                (System.nanoTime() - start) / 1e9, drained);
    }

    public double eventsPerSecond() {
        return windowSeconds > 0 ? eventsInWindow / windowSeconds : 0;
    }

    /** How many events one POST carried on average (the server batches a subscriber's waiting events). */
    public double eventsPerNotification() {
        return notifications > 0 ? (double) events / notifications : 0;
    }

    private double delay(double percentile) {
        return delays.getTotalCount() == 0 ? Double.NaN : delays.getValueAtPercentile(percentile);
    }

    public String toText() {
        StringBuilder out = new StringBuilder("== notifications ==\n");
        line(out, "subscribers", subscribers + " (SDOH Task topic, id-only, one receiver in the load generator)");
        line(out, "events delivered", events + " in all; " + eventsInWindow + " during the measured window = "
                + String.format(Locale.ROOT, "%.1f events/s", eventsPerSecond()));
        line(out, "event notifications", notifications + String.format(Locale.ROOT, " POSTs, %.1f events each on average", eventsPerNotification()));
        line(out, "change -> delivery", String.format(Locale.ROOT, "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (every event)",
                delay(50), delay(90), delay(99), delays.getTotalCount() == 0 ? Double.NaN : (double) delays.getMaxValue()));
        line(out, "drain after load", String.format(Locale.ROOT, "%.1f s%s", drainSeconds, drained ? "" : " (NOT drained: notifications still arriving)"));
        return out.toString();
    }

    public void appendProperties(Path file) throws IOException {
        String text = String.format(Locale.ROOT, "notify.subscribers=%d%nnotify.events=%d%nnotify.notifications=%d%n"
                + "notify.events_per_notification=%.1f%nnotify.events_per_s=%.1f%n"
                + "notify.delay_p50_ms=%.0f%nnotify.delay_p99_ms=%.0f%nnotify.delay_max_ms=%d%nnotify.drained=%s%n",
                subscribers, events, notifications, eventsPerNotification(), eventsPerSecond(), delay(50), delay(99),
                delays.getTotalCount() == 0 ? 0 : delays.getMaxValue(), drained);
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-22s: %s%n", name, value));
    }
}
