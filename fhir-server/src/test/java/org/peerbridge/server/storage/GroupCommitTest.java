package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits made durable together: each writer's change is in the file once {@link GroupCommit#awaitDurable()} returns,
 * even when the process then dies without writing anything more, and concurrent writers share the store's writes.
 * The store is H2's MVStore with its own background writer off, so only the group commit writes it.
 */
class GroupCommitTest {

    private static final int WRITERS = 8;
    private static final int COMMITS_EACH = 200;

    @TempDir
    Path folder;

    @Test
    void everyAcknowledgedChangeSurvivesACrashAndConcurrentCommitsShareWrites() throws Exception {
        String file = folder.resolve("store.mv.db").toString();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        long writes;
        MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
        try {
            MVMap<String, String> rows = store.openMap("rows");
            AtomicInteger inFlight = new AtomicInteger();
            GroupCommit groupCommit = new GroupCommit(store, inFlight::get);
            long versionBefore = store.getCurrentVersion();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    done.add(writers.submit(() -> {
                        for (int i = 0; i < COMMITS_EACH; i++) {
                            String key = writer + "-" + i;
                            inFlight.incrementAndGet(); // a transaction begins,
                            rows.put(key, "committed"); // changes the store and commits
                            inFlight.decrementAndGet();
                            groupCommit.awaitDurable();
                            acknowledged.add(key);
                        }
                    }));
                }
                for (Future<?> writerDone : done) {
                    writerDone.get();
                }
            } finally {
                writers.shutdownNow();
            }
            writes = store.getCurrentVersion() - versionBefore;
            rows.put("never-acknowledged", "in memory only");
        } finally {
            store.closeImmediately(); // as kill -9: nothing more is written
        }

        MVStore reopened = new MVStore.Builder().fileName(file).open();
        try {
            MVMap<String, String> rows = reopened.openMap("rows");
            assertEquals(WRITERS * COMMITS_EACH, acknowledged.size());
            for (String key : acknowledged) {
                assertEquals("committed", rows.get(key), key);
            }
            assertNull(rows.get("never-acknowledged"), "a change nobody waited for was not written: the store's"
                    + " own writer did not make the acknowledged ones durable");
        } finally {
            reopened.close();
        }
        assertTrue(writes < WRITERS * COMMITS_EACH, writes + " writes of the store for " + WRITERS * COMMITS_EACH
                + " commits: concurrent commits did not share them");
    }

    @Test
    void aTransactionThatStaysOpenDoesNotHoldUpTheCommitsOfOthers() {
        MVStore store = new MVStore.Builder().fileName(folder.resolve("open.mv.db").toString()).autoCommitDisabled().open();
        try {
            MVMap<String, String> rows = store.openMap("rows");
            GroupCommit groupCommit = new GroupCommit(store, () -> 1); // say, a long export's read
            rows.put("a", "1");
            groupCommit.awaitDurable();
            rows.put("b", "2");
            groupCommit.awaitDurable();
            assertTrue(!store.hasUnsavedChanges(), "both commits were written");
        } finally {
            store.close();
        }
    }

    @Test
    void aCommitWithNothingLeftToWriteReturnsAtOnce() {
        MVStore store = new MVStore.Builder().fileName(folder.resolve("idle.mv.db").toString()).autoCommitDisabled().open();
        try {
            MVMap<String, String> rows = store.openMap("rows");
            GroupCommit groupCommit = new GroupCommit(store, () -> 0);
            rows.put("a", "1");
            groupCommit.awaitDurable();
            long version = store.getCurrentVersion();
            groupCommit.awaitDurable(); // a read-only transaction's commit: nothing changed since the last write
            assertEquals(version, store.getCurrentVersion());
        } finally {
            store.close();
        }
    }
}
