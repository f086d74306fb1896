package org.peerbridge.server.app;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;
import org.peerbridge.server.background.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the C library's free memory back to the OS while the server is idle. The JIT compilers' scratch memory of the
 * start-up is freed, but the C library keeps it for reuse: 60 to 110 MB of an idle server's resident memory. The JVM
 * can trim on a timer (TrimNativeHeapInterval), but trimming every second cost about a fifth of the referral
 * throughput, since under load the freed memory is soon needed again. So the server trims only when the heap saw no
 * collection since the last look (nothing allocates: no requests) and something may have been freed since the last
 * trim (a collection, or the compilers finished more work).
 */
final class IdleNativeMemory {

    private static final Logger LOG = LoggerFactory.getLogger(IdleNativeMemory.class);

    /** How often it looks; a busy server collects more often than that. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final AtomicInteger TRIMS = new AtomicInteger();

    private final CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
    private final ScheduledExecutorService looker = DaemonThreads.scheduler("peerbridge-native-trim");
    private long collectionsSeen = -1;
    private long collectionsAtTrim = -1;
    private long compilingAtTrim = -1;

    private IdleNativeMemory() {
    }

    /** Starts looking, once per process however many servers it starts (the tests start many). */
    static void trimWhenIdle() {
        if (STARTED.compareAndSet(false, true)) {
            IdleNativeMemory memory = new IdleNativeMemory();
            memory.looker.scheduleWithFixedDelay(memory::look, 0, LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many times the process has given free native memory back. */
    static int trims() {
        return TRIMS.get();
    }

    private void look() {
        long collections = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        long compiling = compilers != null && compilers.isCompilationTimeMonitoringSupported() ? compilers.getTotalCompilationTime() : 0;
        boolean idle = collections == collectionsSeen;
        collectionsSeen = collections;
        if (idle && (collections != collectionsAtTrim || compiling != compilingAtTrim)) {
            collectionsAtTrim = collections;
            compilingAtTrim = compiling;
            trim();
        }
    }

    /** The JVM's diagnostic command System.trim_native_heap (Java 17.0.9 and later), as {@code jcmd} runs it. */
    private void trim() {
        try {
            Object report = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            TRIMS.incrementAndGet();
            LOG.debug("{}", report);
        } catch (JMException | RuntimeException unavailable) {
            LOG.info("This JVM cannot give free native memory back ({}); an idle server may keep more resident", unavailable.toString());
            looker.shutdown();
        }
    }
}
