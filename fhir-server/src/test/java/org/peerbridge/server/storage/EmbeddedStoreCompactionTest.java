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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file reuses its space while concurrent writers append rows one commit at a time, as the server
 * appends referrals, sessions and audit rows. Without compaction each commit's chunk kept a live page or two and the
 * file grew by the whole chunk with every commit, the second batch as much as the first. H2's retention time is
 * shortened here so that old chunks may be reused within the test; the server keeps H2's default of 45 s.
 */
class EmbeddedStoreCompactionTest {

    private static final int WRITERS = 4;
    private static final int COMMITS = 3_000;
    private static final String BODY = "{\"resourceType\":\"Basic\",\"text\":\"" + "x".repeat(1_000) + "\"}";

    @TempDir
    Path folder;

    @Test
    void aStoreWrittenBySmallConcurrentCommitsReusesItsSpaceInsteadOfGrowing() throws Exception {
        Path file = folder.resolve("peerbridge.mv.db");
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:" + folder.resolve("peerbridge")
                + ";WRITE_DELAY=0;RETENTION_TIME=200", null, null, WRITERS, folder);
        try (Database database = Database.open(settings)) {
            long before = Files.size(file);
            appendRows(database, "first");
            long afterFirst = Files.size(file);
            Thread.sleep(3_000); // thirty rounds: far more than the first batch's chunks need
            appendRows(database, "second");
            long afterSecond = Files.size(file);

            int rows = database.inTransaction(c -> Jdbc.queryOne(c, "SELECT COUNT(*) FROM resource WHERE res_type = 'Basic'",
                    row -> row.getInt(1)).orElseThrow());
            assertEquals(2 * COMMITS, rows);
            long firstGrowth = afterFirst - before;
            long secondGrowth = afterSecond - afterFirst;
            assertTrue(secondGrowth < firstGrowth / 2, "the first " + COMMITS + " commits grew the file by " + firstGrowth / 1024
                    + " KB, the next " + COMMITS + " by " + secondGrowth / 1024 + " KB");
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
            database.inTransaction(c -> Jdbc.update(c, "INSERT INTO resource (res_type, res_id, version, last_updated, deleted, body)"
                    + " VALUES ('Basic', ?, 1, 1, FALSE, ?)", id, BODY));
        }
        return null;
    }
}
