package org.peerbridge.server.security.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.server.search.SearchRequest;
import org.peerbridge.server.storage.Jdbc;

/** Reads the audit trail as FHIR AuditEvents: one per audit_event row, its audit_entity rows as entities. */
public final class AuditEvents {

    static final String COLUMNS = "e.id, e.recorded, e.event_type, e.subtype, e.action, e.outcome, e.outcome_text, e.client_id,"
            + " e.organization, e.source, e.http_method, e.query";
    static final String CLIENT_SYSTEM = "urn:peerbridge:client";
    private static final String EVENT_TYPES = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String INTERACTIONS = "http://hl7.org/fhir/restful-interaction";
    /** Subtypes of client management requests (client-add, client-list, client-disable, client-enable). */
    static final String CLIENT_MANAGEMENT = "client-";
    private static final String CLIENT_MANAGEMENT_SYSTEM = "urn:peerbridge:client-management";
    /** Subtypes of Bulk Data status, cancel and file requests (bulk-status, bulk-cancel, bulk-download); the kick-off is $export. */
    static final String BULK_DATA = "bulk-";
    private static final String BULK_DATA_SYSTEM = "urn:peerbridge:bulk-data";

    /** One page and how many there are in all. */
    public record Page(int total, List<AuditEvent> events) { }

    public Optional<AuditEvent> read(Connection c, String id) throws SQLException {
        List<AuditEvent> found = query(c, "SELECT " + COLUMNS + " FROM audit_event e WHERE e.id = ?", List.of(id));
        return found.stream().findFirst();
    }

    public Page search(Connection c, SearchRequest request) throws SQLException {
        AuditQuery query = new AuditQuery(request);
        int total = Jdbc.queryOne(c, query.countSql(), row -> row.getInt(1), query.args().toArray()).orElseThrow();
        List<Object> args = new ArrayList<>(query.args());
        args.add(request.count());
        args.add(request.offset());
        return new Page(total, total == 0 ? List.of() : query(c, query.pageSql(), args));
    }

    private static List<AuditEvent> query(Connection c, String sql, List<Object> args) throws SQLException {
        Map<String, AuditEvent> events = new LinkedHashMap<>();
        Jdbc.forEach(c, sql, 0, row -> events.put(row.getString("id"), event(row)), args.toArray());
        if (!events.isEmpty()) {
            addEntities(c, events);
        }
        return new ArrayList<>(events.values());
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent();
        event.setId(rs.getString("id"));
        boolean login = AuditRecord.TYPE_LOGIN.equals(rs.getString("event_type"));
        event.setType(login ? new Coding(DICOM, AuditRecord.TYPE_LOGIN, "User Authentication") : new Coding(EVENT_TYPES, "rest", "RESTful Operation"));
        String subtype = rs.getString("subtype");
        if (login) {
            event.addSubtype(new Coding(DICOM, "110122", "Login"));
        } else if (subtype != null) {
            event.addSubtype(subtype.startsWith("$") ? new Coding(INTERACTIONS, "operation", subtype)
                    : subtype.startsWith(CLIENT_MANAGEMENT) ? new Coding(CLIENT_MANAGEMENT_SYSTEM, subtype, null)
                    : subtype.startsWith(BULK_DATA) ? new Coding(BULK_DATA_SYSTEM, subtype, null)
                    : new Coding(INTERACTIONS, subtype, null));
        }
        event.setAction(AuditEventAction.fromCode(rs.getString("action")));
        event.setRecorded(new Date(rs.getLong("recorded")));
        event.setOutcome(AuditEventOutcome.fromCode(rs.getString("outcome")));
        event.setOutcomeDesc(rs.getString("outcome_text"));
        AuditEvent.AuditEventAgentComponent client = event.addAgent().setRequestor(true);
        if (rs.getString("client_id") != null) {
            client.setWho(new Reference().setIdentifier(new Identifier().setSystem(CLIENT_SYSTEM).setValue(rs.getString("client_id"))));
            client.setAltId(rs.getString("client_id"));
        }
        client.getNetwork().setAddress(rs.getString("source")).setType(AuditEvent.AuditEventAgentNetworkType._2);
        if (rs.getString("organization") != null) {
            event.addAgent().setRequestor(false).setWho(new Reference(rs.getString("organization")));
        }
        event.getSource().setObserver(new Reference().setDisplay("PeerBridge")).setSite("PeerBridge");
        String request = rs.getString("http_method") + " " + rs.getString("query");
        AuditEvent.AuditEventEntityComponent what = event.addEntity().setDescription(request);
        int question = request.indexOf('?');
        if (question >= 0) {
            what.setQuery(Base64.getEncoder().encode(request.substring(question + 1).getBytes(StandardCharsets.UTF_8)));
        }
        return event;
    }

    private static void addEntities(Connection c, Map<String, AuditEvent> events) throws SQLException {
        String placeholders = String.join(", ", events.keySet().stream().map(id -> "?").toList());
        Jdbc.forEach(c, "SELECT audit_id, res_type, res_id, version FROM audit_entity WHERE audit_id IN (" + placeholders + ")", 0, row -> {
            String reference = row.getString(2) + (row.getString(3) == null ? "" : "/" + row.getString(3))
                    + (row.getObject(4) == null ? "" : "/_history/" + row.getInt(4));
            events.get(row.getString(1)).addEntity().setWhat(new Reference(reference));
        }, events.keySet().toArray());
    }
}
