package org.peerbridge.server.background;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Closing a background worker lets the database work in flight finish: an interrupt inside H2's file I/O would close
 * the embedded store under every other thread.
 */
class PollingThreadsTest {

    @Test
    void aPollInFlightFinishesUninterruptedBeforeCloseReturns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        PollingThreads threads = new PollingThreads("test-worker", 1, () -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            finished.set(true);
        });
        threads.start(Duration.ofMillis(10));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        threads.close();
        assertFalse(interrupted.get(), "the poll in flight was interrupted");
        assertTrue(finished.get(), "close returned before the poll in flight finished");
    }

    @Test
    void workAPollInFlightHandsOverWhileClosingIsStillDone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<PollingThreads> worker = new AtomicReference<>();
        PollingThreads threads = new PollingThreads("test-worker", 1, () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            worker.get().run(() -> done.set(true));
        });
        worker.set(threads);
        threads.start(Duration.ofMillis(10));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(threads::close);
        while (!threads.closing()) {
            Thread.onSpinWait();
        }
        release.countDown();
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(done.get(), "the runners took the work of the poll in flight and did it before close returned");
    }
}
