package org.peerbridge.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.refusal.Refusal;

/**
 * A write that cannot get a row another transaction holds, within the database's lock timeout, is refused as "not now"
 * (503, retry) with nothing changed, never reported as a server failure. H2 in memory, with a lock timeout short
 * enough for a test.
 */
class DatabaseLockTimeoutTest {

    @Test
    void aLockNotGrantedInTimeIsARetryableRefusalAndChangesNothing() throws Exception {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:lock-timeout;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200", null, null, 2, null);
        try (Database database = Database.open(settings)) {
            database.inTransaction(c -> Jdbc.update(c, "INSERT INTO resource (res_type, res_id, version, last_updated, deleted, method, body)"
                    + " VALUES ('Patient', 'held', 1, 1, FALSE, 'POST', '{}')"));
            try (Connection holder = database.dataSource().getConnection()) {
                holder.createStatement().executeQuery("SELECT version FROM resource WHERE res_type = 'Patient' AND res_id = 'held' FOR UPDATE");

                Refusal refusal = assertThrows(Refusal.class, () -> database.inTransaction(c -> Jdbc.update(c,
                        "UPDATE resource SET version = 2 WHERE res_type = 'Patient' AND res_id = 'held'")));
                assertEquals(Refusal.Reason.UNAVAILABLE, refusal.reason());
                holder.rollback();
            }
            int version = database.inTransaction(c -> Jdbc.queryOne(c, "SELECT version FROM resource WHERE res_type = 'Patient' AND res_id = 'held'",
                    row -> row.getInt(1)).orElseThrow());
            assertEquals(1, version, "nothing was changed");
        }
    }
}
