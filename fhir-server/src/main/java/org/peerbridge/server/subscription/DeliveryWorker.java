package org.peerbridge.server.subscription;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.peerbridge.server.background.PollingThreads;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of subscriptions: a poller that leases due subscriptions (as many as there are
 * free senders, the longest unserved first) and a bounded pool of senders, each delivering one
 * subscription at a time. A sender that finishes has the poller look again at once, so a backlog
 * never waits for the next poll interval. The lease (a row in the database, with an expiry) means one
 * delivery in flight per subscription across every replica; a replica that dies leaves leases that
 * expire, and whoever polls next takes over. Expiry is measured on the database's clock, never the
 * replicas'. API threads never wait for an endpoint.
 */
final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Notifications sent for one subscription under one lease before others get their turn. */
    private static final int TURNS_PER_LEASE = 20;

    private final Database database;
    private final SubscriptionTable table;
    private final Delivery delivery;
    private final SubscriptionSettings config;
    private final String owner = "replica-" + UUID.randomUUID();
    /** Numbers this replica's claims, so that each lease has a name of its own, even taken twice here. */
    private final AtomicLong claims = new AtomicLong();
    private final Semaphore freeSenders;
    private final PollingThreads threads;

    DeliveryWorker(Database database, SubscriptionTable table, Delivery delivery, SubscriptionSettings config) {
        this.database = database;
        this.table = table;
        this.delivery = delivery;
        this.config = config;
        this.freeSenders = new Semaphore(config.workers());
        this.threads = new PollingThreads("peerbridge-subscription", config.workers(), this::poll);
    }

    void start() {
        threads.start(config.pollInterval());
    }

    private void poll() {
        try {
            int free = freeSenders.availablePermits();
            if (free == 0) {
                return;
            }
            List<String> due = database.inTransaction(c -> table.dueCandidates(c, DatabaseClock.transactionStart(c), free));
            for (String id : due) {
                String lease = owner + "-" + claims.incrementAndGet();
                if (database.inTransaction(c -> table.claim(c, id, lease, DatabaseClock.transactionStart(c)))) {
                    freeSenders.acquireUninterruptibly();
                    threads.run(() -> deliver(id, lease));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Subscription poll failed; trying again at the next poll", e);
        }
    }

    private void deliver(String id, String lease) {
        try {
            int turns = 0;
            while (turns++ < TURNS_PER_LEASE && delivery.run(id, lease)) {
                // each turn renews the lease before it sends; a lost lease (expired, taken over) ends the loop
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivery for Subscription/{} failed unexpectedly; its lease expires and it is retried", id, e);
        } finally {
            freeSenders.release();
            try {
                database.inTransaction(c -> {
                    table.release(c, id, lease);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.debug("Could not release the lease of Subscription/{} (it expires)", id, e);
            }
            threads.pollNow(); // a sender is free: look for due subscriptions now rather than at the next interval
        }
    }

    /** Stops polling and lets the notifications in flight finish (each is bounded by its timeout). */
    @Override
    public void close() {
        threads.close();
    }
}
