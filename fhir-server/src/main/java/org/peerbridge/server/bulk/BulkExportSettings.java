package org.peerbridge.server.bulk;

import java.time.Duration;

/**
 * How Bulk Data exports run (docs/bulk-data.md).
 *
 * @param workers      exports this replica runs at once (each one thread and one connection at a time); 0 leaves
 *                     exports to other replicas
 * @param retention    how long a finished export's files stay downloadable before they are removed
 * @param pollInterval how often the worker looks for queued exports and for expired ones to remove
 */
public record BulkExportSettings(int workers, Duration retention, Duration pollInterval) {

    public static BulkExportSettings defaults() {
        return new BulkExportSettings(1, Duration.ofHours(24), Duration.ofSeconds(1));
    }

    public BulkExportSettings withWorkers(int newWorkers) {
        return new BulkExportSettings(newWorkers, retention, pollInterval);
    }

    public BulkExportSettings withRetention(Duration newRetention) {
        return new BulkExportSettings(workers, newRetention, pollInterval);
    }

    public BulkExportSettings withPollInterval(Duration newPollInterval) {
        return new BulkExportSettings(workers, retention, newPollInterval);
    }
}
