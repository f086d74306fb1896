package org.peerbridge.server.security.http;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerbridge.server.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests per client per minute, in fixed one-minute windows. A request is admitted in memory, so it
 * never waits for a write: while the client's count as the database last showed it (every replica's
 * flushed requests) plus this replica's requests not yet flushed stays within the limit. A background
 * thread adds this replica's counts to the shared {@code rate_limit} row about once a second and reads
 * back the total, which is how the limit holds across replicas (docs/security.md says how closely).
 */
public final class RateLimiter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    static final long WINDOW_MILLIS = 60_000;
    private static final long FLUSH_MILLIS = 1_000;

    private final Database database;
    private final int perMinute;
    private final Clock clock;
    private final Map<String, WindowCount> counts = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    RateLimiter(Database database, int perMinute, Clock clock) {
        this.database = database;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** A limiter whose counts reach the database every second until it is closed. */
    public static RateLimiter started(Database database, int perMinute, Clock clock) {
        RateLimiter limiter = new RateLimiter(database, perMinute, clock);
        limiter.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rate-limit-flush");
            thread.setDaemon(true);
            return thread;
        });
        limiter.flusher.scheduleWithFixedDelay(limiter::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        return limiter;
    }

    /** Counts the request; empty when it is admitted, else the seconds until the client may try again. */
    OptionalLong admit(String clientId) {
        long now = clock.millis();
        long window = windowOf(now);
        boolean[] admitted = new boolean[1];
        // compute() runs under the entry's lock, so a count is never added to an entry the flusher is removing
        counts.compute(clientId, (id, count) -> {
            WindowCount current = count != null ? count : new WindowCount();
            admitted[0] = current.admit(window, perMinute);
            return current;
        });
        return admitted[0] ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (window + WINDOW_MILLIS - now + 999) / 1000));
    }

    /** Adds the requests admitted here since the last flush to the shared rows and reads back every client's total. */
    void flush() {
        long window = windowOf(clock.millis());
        counts.keySet().forEach(id -> counts.computeIfPresent(id, (key, count) -> count.isIdle(window) ? null : count));
        Map<String, Integer> taken = new HashMap<>();
        counts.forEach((id, count) -> taken.put(id, count.takeUnflushed(window)));
        if (taken.isEmpty()) {
            return;
        }
        try {
            Map<String, Integer> totals = database.inTransaction(c -> {
                add(c, taken, window);
                return totals(c, window);
            });
            taken.keySet().forEach(id -> {
                WindowCount count = counts.get(id);
                if (count != null) {
                    count.flushed(window, totals.getOrDefault(id, 0));
                }
            });
        } catch (RuntimeException e) {
            taken.keySet().forEach(id -> {
                WindowCount count = counts.get(id);
                if (count != null) {
                    count.notFlushed(window);
                }
            });
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Rate limit counts not shared this time (kept for the next attempt): {}", e.getMessage());
        }
    }

    private static void add(Connection c, Map<String, Integer> taken, long window) throws SQLException {
        for (Map.Entry<String, Integer> entry : taken.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rate_limit SET used = CASE WHEN window_start = ? THEN used + ? ELSE ? END,"
                    + " window_start = ? WHERE client_id = ?")) {
                ps.setLong(1, window);
                ps.setInt(2, entry.getValue());
                ps.setInt(3, entry.getValue());
                ps.setLong(4, window);
                ps.setString(5, entry.getKey());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                // the client's first flush: another replica's first flush collides on the key and the transaction is retried
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_limit (client_id, window_start, used) VALUES (?, ?, ?)")) {
                    ps.setString(1, entry.getKey());
                    ps.setLong(2, window);
                    ps.setInt(3, entry.getValue());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static Map<String, Integer> totals(Connection c, long window) throws SQLException {
        Map<String, Integer> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT client_id, used FROM rate_limit WHERE window_start = ?")) {
            ps.setLong(1, window);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return totals;
    }

    private static long windowOf(long millis) {
        return millis - millis % WINDOW_MILLIS;
    }

    /** Stops the background flush and shares what is left, so a replica that stops leaves its counts behind. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }

    /** One client's count in the current window: the shared total as last read, and this replica's requests since. */
    private static final class WindowCount {
        private long window;
        private int shared;
        private int flushing;
        private int unflushed;

        synchronized boolean admit(long now, int limit) {
            startWindow(now);
            if (shared + flushing + unflushed >= limit) {
                return false;
            }
            unflushed++;
            return true;
        }

        synchronized int takeUnflushed(long now) {
            startWindow(now);
            flushing = unflushed;
            unflushed = 0;
            return flushing;
        }

        /** The shared total now includes what was being flushed. */
        synchronized void flushed(long of, int total) {
            if (window == of) {
                shared = total;
                flushing = 0;
            }
        }

        synchronized void notFlushed(long of) {
            if (window == of) {
                unflushed += flushing;
                flushing = 0;
            }
        }

        /** Counts of an earlier window no longer matter: the entry can go until the client returns. */
        synchronized boolean isIdle(long now) {
            return window != now;
        }

        private void startWindow(long now) {
            if (window != now) {
                window = now;
                shared = 0;
                flushing = 0;
                unflushed = 0;
            }
        }
    }
}
