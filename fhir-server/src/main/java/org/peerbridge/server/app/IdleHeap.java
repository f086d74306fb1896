package org.peerbridge.server.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the heap of an idle server close to what is live. With the JVM's defaults a collection may
 * leave up to 70 % of the heap free, and the young generation soon touches all of it, so the OS
 * counts it as resident: after the validator's load (whose garbage grows the heap to gigabytes) that
 * was a heap of 750 MB around 210 MB of live objects, and 650 to 880 MB resident when idle. The
 * README's command takes no JVM options, so the server sets these manageable flags itself.
 */
final class IdleHeap {

    private static final Logger LOG = LoggerFactory.getLogger(IdleHeap.class);

    /** Most heap left free after a full collection or a concurrent cycle (JVM default 70). */
    static final int MAX_FREE_PERCENT = 30;
    /** Least heap left free after one (JVM default 40); the JVM refuses a minimum above the maximum. */
    static final int MIN_FREE_PERCENT = 10;
    /**
     * Most heap left free by the one collection after the start-up: a server that has just started has nothing to
     * grow into yet, and the first requests grow the heap again as the limits above allow.
     */
    static final int AFTER_START_FREE_PERCENT = 5;
    /**
     * After this long without a collection, G1 runs a concurrent cycle, which gives back what a burst
     * of requests grew the heap to. A busy server collects more often than that, so it never runs then.
     */
    static final Duration PERIODIC_COLLECTION = Duration.ofMinutes(1);

    private IdleHeap() {
    }

    /**
     * Collects once with at most {@value #AFTER_START_FREE_PERCENT} % left free, so that the heap of a server that has
     * just started is what is live, then sets the limits it runs with.
     */
    static void shrink() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        set(vm, "MinHeapFreeRatio", 0); // the JVM refuses a maximum below the minimum
        set(vm, "MaxHeapFreeRatio", AFTER_START_FREE_PERCENT);
        System.gc();
        set(vm, "MaxHeapFreeRatio", MAX_FREE_PERCENT);
        set(vm, "MinHeapFreeRatio", MIN_FREE_PERCENT);
        set(vm, "G1PeriodicGCInterval", PERIODIC_COLLECTION.toMillis());
    }

    /** A flag this JVM lacks (G1's, under another collector) or does not let us change is left as it is. */
    private static void set(HotSpotDiagnosticMXBean vm, String flag, long value) {
        try {
            VMOption option = vm.getVMOption(flag);
            if (option.isWriteable()) {
                vm.setVMOption(flag, Long.toString(value));
                return;
            }
        } catch (IllegalArgumentException absent) {
            // falls through to the note below
        }
        LOG.info("JVM flag {} cannot be set at run time here; the heap may stay larger when idle", flag);
    }
}
