package org.peerbridge.server.security.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerbridge.server.background.DaemonThreads;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares this replica's rate-limit counts with the others, once per {@link #INTERVAL}, on a thread and
 * in a transaction of its own (never a request's): it writes what this replica admitted per client in
 * the current window to its own rows of {@code rate_limit_count}, reads back what the other replicas
 * wrote, and measures the database's clock for the windows. If the database does not answer, the
 * replica goes on counting alone, and the next sync catches up.
 */
public final class RateLimitSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitSync.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Database database;
    private final RateLimiter limiter;
    private final RateLimitTable table = new RateLimitTable();
    private final String replica = "replica-" + UUID.randomUUID();
    private final ScheduledExecutorService thread = DaemonThreads.scheduler("peerbridge-rate-limit-sync");
    /** What the rows of this replica hold, so that unchanged counts are not written again (the sync thread's alone). */
    private Map<String, Integer> written = Map.of();
    private long writtenWindow;

    RateLimitSync(Database database, RateLimiter limiter) {
        this.database = database;
        this.limiter = limiter;
    }

    /** Syncs once now (so the windows follow the database's clock from the first request), then every interval until closed. */
    public static RateLimitSync start(Database database, RateLimiter limiter) {
        RateLimitSync sync = new RateLimitSync(database, limiter);
        sync.thread.execute(sync::syncQuietly);
        sync.thread.scheduleWithFixedDelay(sync::syncQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    /** What one sync found. */
    private record Synced(long window, Map<String, Integer> own, Map<String, Integer> others) {
    }

    void sync() {
        Synced synced = database.inTransaction(c -> {
            long now = DatabaseClock.transactionStart(c);
            limiter.measured(now);
            long window = RateLimiter.windowOf(now);
            Map<String, Integer> own = limiter.ownCounts(window);
            Map<String, Integer> changed = new HashMap<>(own);
            if (window == writtenWindow) {
                changed.entrySet().removeIf(count -> count.getValue().equals(written.get(count.getKey())));
            } else {
                table.deleteBefore(c, window - RateLimiter.WINDOW_MILLIS); // the last window's rows stay for a replica a little behind
            }
            table.write(c, window, replica, changed);
            return new Synced(window, own, table.othersCounts(c, window, replica));
        });
        limiter.othersCounted(synced.window(), synced.others());
        written = synced.own();
        writtenWindow = synced.window();
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Rate-limit counts not shared this time (this replica goes on counting; the next sync catches up): {}", e.getMessage());
        }
    }

    /** Stops syncing and writes this replica's last counts, so a replica that stops leaves them for the others. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syncQuietly();
    }
}
