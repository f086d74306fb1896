package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The heap limits an idle server sets on its own JVM, since the README's command takes no JVM options. */
class IdleHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void shrinkLimitsTheFreeHeapAndCollectsWhenIdle() {
        IdleHeap.shrink();
        assertEquals(String.valueOf(IdleHeap.MIN_FREE_PERCENT), vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(String.valueOf(IdleHeap.MAX_FREE_PERCENT), vm.getVMOption("MaxHeapFreeRatio").getValue());
        if (ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"))) {
            assertEquals(String.valueOf(IdleHeap.PERIODIC_COLLECTION.toMillis()), vm.getVMOption("G1PeriodicGCInterval").getValue());
        }
    }
}
