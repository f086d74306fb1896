package org.peerbridge.server.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Puts the embedded H2 store's committed transactions in its file before their requests answer, with one write of
 * the store for all the commits that arrived while the previous write ran.
 *
 * <p>The embedded URL sets a write delay, so H2's own commit only changes memory. After each commit, the committing
 * thread calls {@link #awaitDurable()}: if no write is running, it writes the store itself (every change committed
 * so far, its own included); otherwise it waits for the running write to end, and the first of the waiting threads
 * starts the next one. Before writing, a writer gives the transactions still in flight up to {@link #GATHER_NANOS}
 * to commit and join it, as PostgreSQL's {@code commit_delay} does. A write stores the changed pages of each B-tree
 * once, so the commits that share it share the inner pages and the leaves they all touch, where each commit used to
 * write its own copy of them. When {@code awaitDurable} returns, the transaction is in the file, as each commit was
 * with H2's {@code WRITE_DELAY=0}.
 */
final class GroupCommit {

    /** Writing at once and waiting up to 0.5, 1.5, 3 and 6 ms were measured (performance log, machine M). */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final MVStore store;
    private final IntSupplier transactionsInFlight;
    private final ReentrantLock lock = new ReentrantLock();
    /** Waited on by the committers queued for the next write. */
    private final Condition writeEnded = lock.newCondition();
    /** Waited on by the one writer gathering the commits in flight. */
    private final Condition commitAsked = lock.newCondition();
    /** Commits that have asked to be made durable. */
    private long asked;
    /** Every commit up to this count is in the file. */
    private long written;
    private boolean writing;

    /** @param transactionsInFlight transactions begun and not yet ended (the pool's connections in use) */
    GroupCommit(MVStore store, IntSupplier transactionsInFlight) {
        this.store = store;
        this.transactionsInFlight = transactionsInFlight;
    }

    /**
     * Returns once a write of the store that began after the caller's commit has ended. Waits through interrupts
     * (a write takes milliseconds, and the commit is already visible to others) and keeps the interrupt flag.
     */
    void awaitDurable() {
        lock.lock();
        try {
            long mine = ++asked;
            commitAsked.signal(); // a writer gathering commits counts this one
            while (written < mine) {
                if (writing) {
                    writeEnded.awaitUninterruptibly();
                } else {
                    write();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock; H2's write runs without it, so that commits arriving meanwhile queue for the next. */
    private void write() {
        writing = true;
        gatherCommitsInFlight();
        long covered = asked; // each of these committed before it asked, so the write below includes it
        boolean done = false;
        lock.unlock();
        try {
            store.commit();
            done = true;
        } catch (MVStoreException e) {
            throw new StorageException("The embedded store could not be written", e);
        } finally {
            lock.lock();
            writing = false;
            if (done) {
                written = Math.max(written, covered);
            }
            writeEnded.signalAll();
        }
    }

    /** Waits until no transaction is in flight or the gathering time is up; an interrupt ends it early, flag kept. */
    private void gatherCommitsInFlight() {
        long left = GATHER_NANOS;
        try {
            while (left > 0 && transactionsInFlight.getAsInt() > 0) {
                left = commitAsked.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
