package org.peerbridge.server.background;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a background worker that polls the database for work (subscription delivery, Bulk Data
 * exports): one poller on a fixed delay, and a fixed pool of runners for what it finds. The threads are
 * daemons named after the worker, so a thread dump says whose they are.
 */
public final class PollingThreads implements AutoCloseable {

    private final Runnable poll;
    private final ScheduledExecutorService poller;
    private final ExecutorService runners;

    /** @param name e.g. peerbridge-export: threads are name-poller-1, name-runner-1 ... */
    public PollingThreads(String name, int runners, Runnable poll) {
        this.poll = poll;
        this.poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered(name + "-poller"));
        this.runners = Executors.newFixedThreadPool(Math.max(1, runners), DaemonThreads.numbered(name + "-runner"));
    }

    public void start(Duration interval) {
        poller.scheduleWithFixedDelay(poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A runner is free: poll now rather than at the next interval. */
    public void pollNow() {
        try {
            poller.execute(poll);
        } catch (RejectedExecutionException closing) {
            // closing: nothing more is polled
        }
    }

    /** Hands work to a runner; the caller bounds how much it hands over (a permit per runner). */
    public void run(Runnable work) {
        runners.execute(work);
    }

    /** True once {@link #close} began: a poll that loops over a backlog stops between rounds. */
    public boolean closing() {
        return poller.isShutdown();
    }

    /**
     * Stops polling, lets the polls in flight or already asked for finish (for 5 s at most), then lets the runners
     * finish their work (for 20 s at most), so that no poll hands work to a closed pool. Nothing is interrupted before
     * those limits: an interrupt inside H2's file I/O closes the store's file channel, and the database with it, under
     * every thread still using it.
     */
    @Override
    public void close() {
        poller.shutdown();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
            runners.shutdown();
            if (!runners.awaitTermination(20, TimeUnit.SECONDS)) {
                runners.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
