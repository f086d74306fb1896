package org.peerbridge.server.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.support.TestDatabase;

/**
 * The final outcome of a request that wrote nothing: its row is inserted once, with what it read, and a request that
 * fails after its answer has begun (a search whose Bundle breaks off) leaves that one row with the failure.
 */
class AuditOutcomeTest {

    private TestDatabase.Opened opened;
    private Database database;
    private AuditTrail trail;

    @BeforeEach
    void openStore() {
        opened = TestDatabase.open();
        database = opened.database();
        trail = new AuditTrail(database);
    }

    @AfterEach
    void close() throws Exception {
        opened.close();
    }

    @Test
    void aReadLeavesOneRowWithWhatItRead() {
        AuditRecord read = read("p1");
        trail.finish(read, 200);

        assertEquals(List.of("0|null"), outcomes(read));
        assertEquals(List.of("Patient/p1"), entities(read));
    }

    @Test
    void aRequestThatFailsAfterItsAnswerBeganLeavesItsOneRowWithTheFailure() {
        AuditRecord read = read("p2");
        trail.finish(read, 200);
        trail.finish(read, 500);

        assertEquals(List.of("8|HTTP 500"), outcomes(read));
        assertEquals(List.of("Patient/p2"), entities(read), "the entities are stored once");
    }

    private static AuditRecord read(String patientId) {
        AuditRecord record = new AuditRecord(System.currentTimeMillis(), "127.0.0.1", "GET", "/fhir/Patient/" + patientId);
        record.interaction("read", "R", "Patient", patientId);
        return record;
    }

    private List<String> outcomes(AuditRecord record) {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT outcome, outcome_text FROM audit_event WHERE id = ?",
                row -> row.getString(1) + "|" + row.getString(2), record.id()));
    }

    private List<String> entities(AuditRecord record) {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT res_type, res_id FROM audit_entity WHERE audit_id = ?",
                row -> row.getString(1) + "/" + row.getString(2), record.id()));
    }
}
