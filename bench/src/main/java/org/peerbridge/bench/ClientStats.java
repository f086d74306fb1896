package org.peerbridge.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one client thread saw inside the measured window. Written only by its own thread; read after join. */
final class ClientStats {

    final Histogram latencyMicros;
    long ok;
    final Map<String, Long> errors = new TreeMap<>();
    long warmupOk;
    final Map<String, Long> warmupErrors = new TreeMap<>();
    /** Requests in flight when the window closed (started before its end, finished after), by outcome. */
    final Map<String, Long> unfinished = new TreeMap<>();
    long longestUnfinishedMicros;

    ClientStats(long highestTrackableMicros) {
        latencyMicros = new Histogram(1, highestTrackableMicros, 3);
    }

    void recordOk(long micros) {
        ok++;
        latencyMicros.recordValue(Math.min(Math.max(micros, 1), latencyMicros.getHighestTrackableValue()));
    }

    void recordError(String label) {
        errors.merge(label, 1L, Long::sum);
    }

    void recordUnfinished(String errorLabelOrNull, long micros) {
        unfinished.merge(errorLabelOrNull == null ? "ok" : errorLabelOrNull, 1L, Long::sum);
        longestUnfinishedMicros = Math.max(longestUnfinishedMicros, micros);
    }

    void recordWarmup(String errorLabelOrNull) {
        if (errorLabelOrNull == null) {
            warmupOk++;
        } else {
            warmupErrors.merge(errorLabelOrNull, 1L, Long::sum);
        }
    }
}
