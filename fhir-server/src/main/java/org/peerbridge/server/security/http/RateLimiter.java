package org.peerbridge.server.security.http;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per client in fixed one-minute windows, admitted in memory: counting a request never waits
 * for the database or a row lock. A request is admitted while this replica's own count in the window
 * plus what the other replicas had counted when {@link RateLimitSync} last read the shared rows stays
 * under the limit. One replica alone holds the limit exactly; several may together admit a little
 * more, by what the others admitted since the last sync (docs/security.md gives the bound).
 *
 * <p>Windows follow the database's clock as last measured, so that they begin at the same moment on
 * every replica whatever the replicas' own clocks say.
 */
public final class RateLimiter {

    static final long WINDOW_MILLIS = 60_000;

    private final int perWindow;
    private final LongSupplier localClock;
    private final Map<String, ClientCount> counts = new ConcurrentHashMap<>();
    /** The database's clock minus this process's, as the last sync measured it. */
    private volatile long clockOffset;

    public RateLimiter(int perWindow, LongSupplier localClock) {
        this.perWindow = perWindow;
        this.localClock = localClock;
    }

    /** Counts the request; empty when it is admitted, else the seconds until the next window starts. */
    OptionalLong admit(String clientId) {
        long now = now();
        long window = windowOf(now);
        boolean[] admitted = new boolean[1];
        // compute() holds the entry, so a count is never added to an entry that is being dropped as stale
        counts.compute(clientId, (id, count) -> {
            ClientCount current = count != null ? count : new ClientCount();
            admitted[0] = current.admit(window, perWindow);
            return current;
        });
        return admitted[0] ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (window + WINDOW_MILLIS - now + 999) / 1000));
    }

    /** Sets the database's time as measured now, so the windows follow the database's clock. */
    void measured(long databaseMillis) {
        clockOffset = databaseMillis - localClock.getAsLong();
    }

    long now() {
        return localClock.getAsLong() + clockOffset;
    }

    static long windowOf(long millis) {
        return millis - Math.floorMod(millis, WINDOW_MILLIS);
    }

    /** What this replica admitted per client in the window; clients counted only in earlier windows are forgotten. */
    Map<String, Integer> ownCounts(long window) {
        Map<String, Integer> own = new HashMap<>();
        for (String id : counts.keySet()) {
            counts.computeIfPresent(id, (key, count) -> {
                if (count.isBefore(window)) {
                    return null;
                }
                int admitted = count.own(window);
                if (admitted > 0) {
                    own.put(key, admitted);
                }
                return count;
            });
        }
        return own;
    }

    /** What the other replicas counted in the window, per client, as just read from the database. */
    void othersCounted(long window, Map<String, Integer> others) {
        for (Map.Entry<String, Integer> other : others.entrySet()) {
            counts.compute(other.getKey(), (id, count) -> {
                ClientCount current = count != null ? count : new ClientCount();
                current.others(window, other.getValue());
                return current;
            });
        }
    }

    /** One client's counts in the window it was last counted in. */
    private static final class ClientCount {
        private long window = Long.MIN_VALUE;
        private int own;
        private int others;

        synchronized boolean admit(long now, int limit) {
            startWindow(now);
            if (own + others >= limit) {
                return false;
            }
            own++;
            return true;
        }

        synchronized int own(long of) {
            return window == of ? own : 0;
        }

        synchronized void others(long of, int counted) {
            startWindow(of);
            if (window == of) {
                others = counted;
            }
        }

        synchronized boolean isBefore(long now) {
            return window < now;
        }

        /** A later window starts from nothing; an earlier one (a sync that began before a request's window) changes nothing. */
        private void startWindow(long now) {
            if (now > window) {
                window = now;
                own = 0;
                others = 0;
            }
        }
    }
}
