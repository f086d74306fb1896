package org.peerbridge.server.bulk;

import java.time.Duration;

/**
 * How Bulk Data exports run (docs/bulk-data.md).
 *
 * @param workers      exports this replica runs at once (each one thread and one connection at a time); 0 leaves
 *                     exports to other replicas
 * @param share        the share of its time an export's thread works, above 0 and at most 1: after each page it rests
 *                     for the rest, so an export leaves the API most of the machine
 * @param retention    how long a finished export's files stay downloadable before they are removed
 * @param pollInterval how often the worker looks for queued exports and for expired ones to remove
 */
public record BulkExportSettings(int workers, double share, Duration retention, Duration pollInterval) {

    public BulkExportSettings {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("The share of its time an export works must be above 0 and at most 1, not " + share);
        }
    }

    public static BulkExportSettings defaults() {
        return new BulkExportSettings(1, 0.5, Duration.ofHours(24), Duration.ofSeconds(1));
    }

    public BulkExportSettings withWorkers(int newWorkers) {
        return new BulkExportSettings(newWorkers, share, retention, pollInterval);
    }

    public BulkExportSettings withShare(double newShare) {
        return new BulkExportSettings(workers, newShare, retention, pollInterval);
    }

    public BulkExportSettings withRetention(Duration newRetention) {
        return new BulkExportSettings(workers, share, newRetention, pollInterval);
    }

    public BulkExportSettings withPollInterval(Duration newPollInterval) {
        return new BulkExportSettings(workers, share, retention, newPollInterval);
    }
}
