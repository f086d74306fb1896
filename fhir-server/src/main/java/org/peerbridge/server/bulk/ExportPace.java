package org.peerbridge.server.bulk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Holds an export runner to a share of its time, so the API keeps most of the machine while an export runs:
 * after each page the runner rests for as long as makes the page's work that share of work and rest together.
 * A page's time includes its database work (the runner waits for the database meanwhile), so the share
 * bounds what an export takes of the database's CPU as well as the server's.
 */
final class ExportPace {

    private final double share;

    /** @param share of the time a runner works, above 0 and at most 1 (no rest), as {@link BulkExportSettings} checked */
    ExportPace(double share) {
        this.share = share;
    }

    /** How long to rest after a page that took {@code worked}. */
    Duration restAfter(Duration worked) {
        return Duration.ofNanos((long) (worked.toNanos() * (1 - share) / share));
    }

    /** Rests after a page that took {@code worked}; false when interrupted (the replica is stopping). */
    boolean rest(Duration worked) {
        try {
            TimeUnit.NANOSECONDS.sleep(restAfter(worked).toNanos());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
