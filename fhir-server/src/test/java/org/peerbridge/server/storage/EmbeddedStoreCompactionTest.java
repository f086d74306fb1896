package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.support.Eventually;

/**
 * The embedded store's file reuses its space while concurrent writers append rows one commit at a time, as the server
 * appends referrals, sessions and audit rows. Without compaction each write's chunk keeps a live page or two and the
 * file grows by the whole chunk with every write. The embedded store is opened with the server's write delay (each
 * commit written by {@link GroupCommit}); the comparison is with the same writes to a store opened from a user's own H2
 * URL with {@code WRITE_DELAY=0}, which PeerBridge neither compacts nor writes in groups. H2's retention time is
 * shortened here so that old chunks may be reused within the test; the server keeps H2's default of 45 s.
 */
class EmbeddedStoreCompactionTest {

    private static final int WRITERS = 4;
    private static final int COMMITS = 2_000;
    private static final String BODY = "{\"resourceType\":\"Basic\",\"text\":\"" + "x".repeat(1_000) + "\"}";
    private static final String EMBEDDED_OPTIONS = ";WRITE_DELAY=1000;RETENTION_TIME=200";
    private static final String USER_OPTIONS = ";WRITE_DELAY=0;RETENTION_TIME=200";

    @TempDir
    Path folder;

    @Test
    void theServersStoreWrittenInBurstsOfSmallConcurrentCommitsStaysFarSmallerThanOneWrittenUncompactedAtEachCommit() throws Exception {
        Path embedded = folder.resolve("embedded");
        Path userSupplied = folder.resolve("user-supplied");
        Files.createDirectories(userSupplied);
        long compacted = fileAfterTwoBursts(new DatabaseSettings(h2Url(embedded, EMBEDDED_OPTIONS), null, null, WRITERS, embedded), embedded);
        long uncompacted = fileAfterTwoBursts(new DatabaseSettings(h2Url(userSupplied, USER_OPTIONS), null, null, WRITERS, null), userSupplied);

        assertTrue(compacted < uncompacted * 2 / 3, "after " + 2 * COMMITS + " commits the compacted store's file is "
                + compacted / 1024 + " KB, the uncompacted one's " + uncompacted / 1024 + " KB");
    }

    @Test
    void onceWritesPauseTheStoreRewritesItsSparseChunksWithoutWaitingForTheNextWrite() throws Exception {
        Path embedded = folder.resolve("embedded");
        try (Database database = Database.open(new DatabaseSettings(h2Url(embedded, EMBEDDED_OPTIONS), null, null, WRITERS, embedded))) {
            MVStore store = Database.embeddedStore(database.dataSource());
            appendRows(database, "burst");
            Eventually.until("the store's chunks to hold at least " + EmbeddedStoreCompaction.TARGET_FILL_PERCENT
                    + " % live bytes with no write after the burst",
                    () -> store.getFileStore().getChunksFillRate() >= EmbeddedStoreCompaction.TARGET_FILL_PERCENT);
        }
    }

    private static String h2Url(Path folder, String options) {
        return "jdbc:h2:file:" + folder.resolve("peerbridge") + options;
    }

    /** The file's size after two bursts of commits with a pause between them, as bursts of requests come. */
    private static long fileAfterTwoBursts(DatabaseSettings settings, Path folder) throws Exception {
        try (Database database = Database.open(settings)) {
            appendRows(database, "first");
            Thread.sleep(1_000); // the pause between the bursts is the scenario, not a wait for a condition
            appendRows(database, "second");
            int rows = database.inTransaction(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM resource WHERE res_type = 'Basic'",
                    row -> row.getInt(1)).orElseThrow());
            assertEquals(2 * COMMITS, rows);
            return Files.size(folder.resolve("peerbridge.mv.db"));
        }
    }

    /** Appends a batch of rows from concurrent writers, a commit each, as concurrent requests append. */
    private static void appendRows(Database database, String batch) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> appendShare(database, batch, writer)));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** One writer's share of a batch. */
    private static Void appendShare(Database database, String batch, int writer) {
        for (int i = writer; i < COMMITS; i += WRITERS) {
            String id = batch + "-" + i;
            database.inTransaction(c -> Jdbc.update(c, "INSERT INTO resource (res_type, res_id, version, last_updated, deleted, method, body)"
                    + " VALUES ('Basic', ?, 1, 1, FALSE, 'POST', ?)", id, BODY));
        }
        return null;
    }
}
