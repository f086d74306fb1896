package org.peerbridge.server.security.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.Jdbc;

/** SQL that stores audit records: audit_event, one row per request, and audit_entity, what it touched. */
public final class AuditTrail {

    private static final int MAX_ID = 64;

    /** AuditEvent.outcome codes. */
    public static final String SUCCESS = "0";
    public static final String MINOR_FAILURE = "4";
    public static final String SERIOUS_FAILURE = "8";

    private final Database database;

    public AuditTrail(Database database) {
        this.database = database;
    }

    /**
     * Whether an audit row can be stored now, for the readiness check: a probe row is inserted and deleted again
     * in one transaction. A server that cannot audit withholds its answers, so it should get no requests.
     */
    public boolean writable() {
        AuditRecord probe = new AuditRecord(System.currentTimeMillis(), null, "GET", "readiness probe");
        try {
            database.inTransaction(c -> {
                insertEvent(c, probe, SUCCESS, null);
                return Jdbc.update(c, "DELETE FROM audit_event WHERE id = ?", probe.id());
            });
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Inside a write's transaction: the request's row (once) and the versions this unit of work wrote. */
    void storeWithWrite(Connection c, AuditRecord record, List<AuditRecord.Entity> written) throws SQLException {
        if (Jdbc.queryOne(c, "SELECT 1 FROM audit_event WHERE id = ?", row -> true, record.id()).isEmpty()) {
            insertEvent(c, record, SUCCESS, null);
        }
        insertEntities(c, record.id(), written);
    }

    /**
     * Before the answer leaves: the final outcome. A write's row is already there and is only touched when the
     * request failed after all; otherwise the row is inserted now, in its own transaction. Called again when the
     * request failed after its answer had begun: the row inserted then gets the failure.
     */
    public void finish(AuditRecord record, int httpStatus) {
        String outcome = httpStatus >= 500 ? SERIOUS_FAILURE : httpStatus >= 400 ? MINOR_FAILURE : SUCCESS;
        if (record.isStoredWithWrite() && outcome.equals(SUCCESS)) {
            return;
        }
        String text = record.outcomeText() != null ? record.outcomeText() : outcome.equals(SUCCESS) ? null : "HTTP " + httpStatus;
        boolean mayHaveRow = record.mayHaveRowOnFinish(); // a read's first finish has no row to update: it inserts at once
        database.inTransaction(c -> {
            if (mayHaveRow && Jdbc.update(c, "UPDATE audit_event SET outcome = ?, outcome_text = ? WHERE id = ?", outcome, text, record.id()) == 1) {
                return null;
            }
            insertEvent(c, record, outcome, text);
            List<AuditRecord.Entity> read = new ArrayList<>();
            if (record.target() != null) {
                read.add(record.target());
            }
            read.addAll(record.shown());
            insertEntities(c, record.id(), read);
            return null;
        });
    }

    private static void insertEvent(Connection c, AuditRecord record, String outcome, String text) throws SQLException {
        Jdbc.update(c, "INSERT INTO audit_event (id, recorded, event_type, subtype, action, outcome, outcome_text, client_id,"
                + " organization, source, http_method, query) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record.id(), record.recorded(), record.eventType(), truncate(record.subtype(), 64), record.action(), outcome,
                truncate(text, 255),
                truncate(record.clientId(), 128), // a refused token request names whatever client it claims
                truncate(record.organization(), 128), truncate(record.source(), 64), record.httpMethod(),
                truncate(record.request(), 2000));
    }

    private static void insertEntities(Connection c, String auditId, List<AuditRecord.Entity> entities) throws SQLException {
        Jdbc.batch(c, "INSERT INTO audit_entity (audit_id, res_type, res_id, version) VALUES (?, ?, ?, ?)", entities,
                entity -> new Object[] {auditId, truncate(entity.type(), 64), storedId(entity.id()), Jdbc.nullableInt(entity.version())});
    }

    /**
     * An id as audit_entity stores it: as it is when it fits the column (every id the server makes does), else
     * its SHA-256 (64 hex digits), so a request for an over-long id is audited too and stays findable by entity.
     */
    static String storedId(String id) {
        return id == null || id.length() <= MAX_ID ? id : Digests.sha256Hex(id);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
