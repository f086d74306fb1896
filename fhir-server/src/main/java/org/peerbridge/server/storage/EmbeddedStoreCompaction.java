package org.peerbridge.server.storage;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.peerbridge.server.background.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the live pages of the embedded H2 store's sparse chunks, so that their space is reused instead of the
 * file growing with every commit.
 *
 * <p>Each write of the store (a {@link GroupCommit} before requests answer) writes a new chunk, and a chunk's space is
 * reused only once none of its pages is live. Rows are appended in time order, so almost every chunk keeps a page or
 * two live for good, and the file grew by about 250 KB a referral. H2's background writer compacts too, but only
 * tries the store lock (below); these rounds make sure compaction happens. A round that rewrote pages commits them
 * itself: left to the next request's commit, they stayed in memory while no request wrote, every round found the
 * same sparse chunks again, and a store compacted nothing between bursts of writes. H2 reuses an old chunk's space
 * once it is older than H2's retention time (45 s).
 *
 * <p>H2's compaction only tries its store lock for 10 ms, and under a steady stream of commits that lock is
 * always queued for, so a round takes the lock itself first and waits its turn like a commit. The lock is a
 * private field of {@link MVStore} (H2 2.3); without it the rounds still run and H2's compact only tries the lock.
 */
final class EmbeddedStoreCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreCompaction.class);

    /** Below this share of live bytes in the store's chunks, the sparsest chunks are rewritten. */
    static final int TARGET_FILL_PERCENT = 50;
    /**
     * At most this many live bytes are rewritten a round, so that commits wait for a round briefly. With ten rounds
     * a second this keeps up with a steady stream of referrals on two cores (docs/performance.md); five rounds of 1 MB
     * did not.
     */
    private static final int MAX_BYTES_A_ROUND = 2 * 1024 * 1024;
    private static final long ROUND_MILLIS = 100;

    private final MVStore store;
    private final Lock storeLock;
    private final ScheduledExecutorService rounds;

    private EmbeddedStoreCompaction(MVStore store) {
        this.store = store;
        this.storeLock = storeLockOf(store);
        this.rounds = DaemonThreads.scheduler("h2-compaction");
    }

    /** Starts the rounds on the embedded store. */
    static EmbeddedStoreCompaction start(MVStore store) {
        EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(store);
        compaction.rounds.scheduleWithFixedDelay(compaction::round, ROUND_MILLIS, ROUND_MILLIS, TimeUnit.MILLISECONDS);
        return compaction;
    }

    private static Lock storeLockOf(MVStore store) {
        try {
            Field field = MVStore.class.getDeclaredField("storeLock");
            field.setAccessible(true);
            return (Lock) field.get(store);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("H2's store lock is not where PeerBridge looks for it; compaction only tries it, and under steady"
                    + " writes the embedded store's file may grow faster than its data", e);
            return new ReentrantLock(); // the rounds' own: H2's compact then only tries H2's lock
        }
    }

    /** One round: if the store's chunks are below the target fill rate, rewrite the sparsest of them. */
    private void round() {
        try {
            if (store.isClosed()) {
                return;
            }
            storeLock.lock();
            try {
                if (store.compact(TARGET_FILL_PERCENT, MAX_BYTES_A_ROUND)) {
                    store.commit();
                }
            } finally {
                storeLock.unlock();
            }
        } catch (RuntimeException e) {
            log.warn("Compacting the embedded store failed; the next round tries again", e);
        }
    }

    /** Lets a running round finish: an interrupt inside H2's file I/O would close the store's file channel. */
    @Override
    public void close() {
        rounds.shutdown();
        try {
            rounds.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
