package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerbridge.server.support.TestDatabase;

/**
 * A store written before the current version moved out of {@code resource_history} (every version there, the current
 * one included) keeps every version exactly once after the migration: vread, history and the version scans read the
 * same versions, with the methods that wrote them, as before.
 */
class CurrentVersionMigrationTest {

    private static final String LAST_SCHEMA_WITH_EVERY_VERSION_IN_HISTORY = "95";

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyVersionOfAnOlderStoreIsReadOnceWithItsMethod(TestDatabase kind) throws Exception {
        TestDatabase.Prepared prepared = kind.prepare();
        try {
            DatabaseSettings settings = prepared.config().database();
            Flyway.configure().dataSource(settings.jdbcUrl(), settings.connectionUser(), settings.password()).locations("classpath:db/migration")
                    .target(LAST_SCHEMA_WITH_EVERY_VERSION_IN_HISTORY).load().migrate();
            try (Connection c = prepared.jdbc()) {
                storeAsBefore(c, "updated", new String[] {"POST", "PUT"}, false);
                storeAsBefore(c, "deleted", new String[] {"POST", "DELETE"}, true);
                storeAsBefore(c, "created", new String[] {"POST"}, false);
            }

            ResourceTable table = new ResourceTable();
            try (Database database = Database.open(settings)) {
                database.inTransaction(c -> {
                    assertEquals(List.of("1 POST", "2 PUT"), versions(table, c, "updated"));
                    assertEquals(List.of("1 POST", "2 DELETE"), versions(table, c, "deleted"));
                    assertEquals(List.of("1 POST"), versions(table, c, "created"));
                    assertEquals("PUT", table.current(c, "Basic", "updated").orElseThrow().method());
                    assertEquals("{\"v\":1}", table.version(c, "Basic", "updated", 1).orElseThrow().body());
                    assertEquals("{\"v\":2}", table.version(c, "Basic", "updated", 2).orElseThrow().body());
                    HistoryScope all = new HistoryScope("Basic", null, null, null);
                    assertEquals(5, table.historyCount(c, all));
                    assertEquals(List.of("deleted 2", "updated 2", "created 1", "deleted 1", "updated 1"),
                            table.history(c, all, 0, 10).stream().map(v -> v.id() + " " + v.version()).toList(), "newest first");
                    assertEquals(List.of("created 1", "deleted 1"),
                            table.history(c, all, 2, 2).stream().map(v -> v.id() + " " + v.version()).toList(), "the second page of two");
                    return null;
                });
            }
        } finally {
            prepared.cleanup().run();
        }
    }

    /** Writes a resource the way the schema before the migration held it: the current row, and every version in history. */
    private static void storeAsBefore(Connection c, String id, String[] methods, boolean deletedLast) throws SQLException {
        int last = methods.length;
        for (int version = 1; version <= last; version++) {
            boolean deleted = deletedLast && version == last;
            Jdbc.update(c, "INSERT INTO resource_history (res_type, res_id, version, last_updated, deleted, method, body)"
                    + " VALUES ('Basic', ?, ?, ?, ?, ?, ?)", id, version, lastUpdated(id, version), deleted, methods[version - 1], body(version, deleted));
        }
        Jdbc.update(c, "INSERT INTO resource (res_type, res_id, version, last_updated, deleted, body) VALUES ('Basic', ?, ?, ?, ?, ?)",
                id, last, lastUpdated(id, last), deletedLast, body(last, deletedLast));
    }

    private static String body(int version, boolean deleted) {
        return deleted ? null : "{\"v\":" + version + "}";
    }

    /** Times that interleave the three resources: updated 1, deleted 1, created 1, updated 2, deleted 2. */
    private static long lastUpdated(String id, int version) {
        return 1_000L * version + List.of("updated", "deleted", "created").indexOf(id);
    }

    private static List<String> versions(ResourceTable table, Connection c, String id) throws SQLException {
        List<String> versions = new ArrayList<>();
        table.forEachVersionOf(c, "Basic", id, v -> versions.add(v.version() + " " + v.method()));
        return versions;
    }
}
