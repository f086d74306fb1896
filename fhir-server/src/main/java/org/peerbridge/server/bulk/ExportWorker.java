package org.peerbridge.server.bulk;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.peerbridge.server.background.PollingThreads;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseClock;
import org.peerbridge.server.storage.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of exports: a poller that removes expired exports and leases queued ones (as many as
 * there are free runners, oldest first, once every write before their snapshot time has committed), and a
 * fixed pool of runners, one job each. The lease is a database row value, so any replica may run any job
 * and two never run the same one; a job left by a dead replica is taken over when its lease expires, and a
 * stopping replica hands its jobs back at once. A job that fails {@link #MAX_ATTEMPTS} times is reported
 * failed in its status, never retried for ever and never silently dropped.
 */
final class ExportWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportWorker.class);
    static final int MAX_ATTEMPTS = 3;

    private final ResourceStore store;
    private final Database database;
    private final ExportJobs jobs;
    private final ExportRun run;
    private final JobScopes scopes;
    private final TypeFilterParser filters;
    private final BulkExportSettings settings;
    private final String owner = "replica-" + UUID.randomUUID();
    private final AtomicLong claims = new AtomicLong();
    private final Semaphore freeRunners;
    private final PollingThreads threads;
    private volatile boolean stopping;

    /** Reads a stored job's _typeFilter values again (they were checked at kick-off). */
    @FunctionalInterface
    interface TypeFilterParser {
        TypeFilters parse(ExportJob job);
    }

    ExportWorker(ResourceStore store, ExportJobs jobs, ExportRun run, JobScopes scopes, TypeFilterParser filters, BulkExportSettings settings) {
        this.store = store;
        this.database = store.database();
        this.jobs = jobs;
        this.run = run;
        this.scopes = scopes;
        this.filters = filters;
        this.settings = settings;
        this.freeRunners = new Semaphore(settings.workers());
        this.threads = new PollingThreads("peerbridge-export", settings.workers(), this::poll);
    }

    void start() {
        threads.start(settings.pollInterval());
    }

    private void poll() {
        try {
            removeExpired();
            int free = freeRunners.availablePermits();
            if (free == 0 || stopping) {
                return;
            }
            List<String> due = database.inTransaction(c -> jobs.due(c, DatabaseClock.transactionStart(c), store.changeHorizon(c), free));
            for (String id : due) {
                String lease = owner + "-" + claims.incrementAndGet();
                if (database.inTransaction(c -> jobs.claim(c, id, lease, DatabaseClock.transactionStart(c)))) {
                    freeRunners.acquireUninterruptibly();
                    threads.run(() -> runClaimed(id, lease));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Export poll failed; trying again at the next poll", e);
        }
    }

    private void removeExpired() {
        List<String> expired = database.inTransaction(c -> jobs.expired(c, DatabaseClock.transactionStart(c)));
        for (String id : expired) {
            database.inTransaction(c -> jobs.delete(c, id));
            LOG.info("Export {} expired: its files are removed", id);
        }
    }

    private void runClaimed(String id, String lease) {
        try {
            Optional<ExportJob> job = database.inTransaction(c -> jobs.attempts(c, id) > MAX_ATTEMPTS ? Optional.empty() : jobs.find(c, id));
            if (job.isEmpty()) {
                fail(id, "The export was interrupted " + MAX_ATTEMPTS + " times and is given up; start a new one");
                return;
            }
            ExportRun.Outcome outcome = run.run(job.get(), lease, scopes.readScope(job.get().clientId(), job.get().organization(), job.get().scopes()), filters.parse(job.get()), () -> stopping);
            if (outcome == ExportRun.Outcome.STOPPED) {
                database.inTransaction(c -> {
                    jobs.handBack(c, id, lease);
                    return null;
                });
            }
            LOG.info("Export {}: {}", id, outcome);
        } catch (RuntimeException e) {
            LOG.warn("Export {} failed; it is tried again (at most {} attempts)", id, MAX_ATTEMPTS, e);
            try {
                database.inTransaction(c -> {
                    jobs.release(c, id, lease);
                    return null;
                });
            } catch (RuntimeException releaseFailure) {
                LOG.debug("Could not release the lease of export {} (it expires)", id, releaseFailure);
            }
        } finally {
            freeRunners.release();
            threads.pollNow(); // a runner is free: look for queued exports now rather than at the next interval
        }
    }

    private void fail(String id, String why) {
        database.inTransaction(c -> {
            long now = DatabaseClock.transactionStart(c);
            jobs.fail(c, id, why, now, now + settings.retention().toMillis());
            return null;
        });
        LOG.warn("Export {} failed: {}", id, why);
    }

    /** Stops claiming; running jobs stop after their current page and are handed back. */
    @Override
    public void close() {
        stopping = true;
        threads.close();
    }
}
