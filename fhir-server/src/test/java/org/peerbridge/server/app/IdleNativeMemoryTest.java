package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Eventually;

/** Free native memory goes back to the OS when the process is idle, and is left alone while it allocates. */
class IdleNativeMemoryTest {

    @Test
    void trimsWhenIdleButNotWhileTheHeapIsBusy() throws InterruptedException {
        IdleNativeMemory.trimWhenIdle();
        Eventually.until("a trim once idle", Duration.ofSeconds(30), () -> IdleNativeMemory.trims() > 0);

        AtomicBoolean busy = new AtomicBoolean(true);
        // A loaded server collects several times a second; this test JVM's heap is too large to rely on allocation alone.
        Thread collecting = new Thread(() -> {
            while (busy.get()) {
                System.gc();
                sleep(Duration.ofMillis(200));
            }
        });
        collecting.start();
        Thread.sleep(IdleNativeMemory.LOOK_EVERY.toMillis()); // a look that still saw the idle time before may trim
        int beforeLoad = IdleNativeMemory.trims();
        Thread.sleep(IdleNativeMemory.LOOK_EVERY.multipliedBy(3).toMillis());
        int afterLoad = IdleNativeMemory.trims();
        busy.set(false);
        collecting.join();
        assertEquals(beforeLoad, afterLoad, "no trim while the heap collects");

        Eventually.until("a trim once idle again", Duration.ofSeconds(30), () -> IdleNativeMemory.trims() > afterLoad);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
