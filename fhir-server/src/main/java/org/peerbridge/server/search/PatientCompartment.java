package org.peerbridge.server.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.Jdbc;

/**
 * A patient and every live resource that points at them through a {@code patient} search parameter (the
 * referrals and what derives from them: Tasks, sessions, Procedures, responses, scores, Flags,
 * Communications, Conditions, Consents, reports), one page at a time, as the caller's {@link ReadScope}
 * sees it. Driven by the reference index (idx_reference by target), so a page costs the patient's own
 * rows, not a scan of every resource.
 */
public final class PatientCompartment {

    /** The reference search parameter that puts a resource in its patient's compartment. */
    public static final String PATIENT_PARAM = "patient";

    private final ResourceCodec codec;

    public PatientCompartment(ResourceCodec codec) {
        this.codec = codec;
    }

    /** The compartment's types among those served: Patient, and every type with a {@value #PATIENT_PARAM} search parameter. */
    public static List<String> types(SearchParameterRegistry registry, List<String> servedTypes) {
        List<String> types = new ArrayList<>(List.of("Patient"));
        servedTypes.stream().filter(t -> registry.find(t, PATIENT_PARAM).isPresent()).forEach(types::add);
        return List.copyOf(types);
    }

    /**
     * @param types      the types to return (the compartment's types, already narrowed by _type and by
     *                   what the caller's scopes may read); never empty
     * @param sinceMillis only resources changed at or after this instant; null for all
     */
    public record Request(String patientId, List<String> types, Long sinceMillis, int count, int offset) {
    }

    public SearchService.SearchResult page(Connection c, Request request) throws SQLException {
        List<Object> args = new ArrayList<>();
        String from = from(request, args);
        int total = Jdbc.queryOne(c, "SELECT COUNT(*)" + from, row -> row.getInt(1), args.toArray()).orElseThrow();
        List<Resource> page = new ArrayList<>();
        if (total > 0 && request.count() > 0) {
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(request.count());
            pageArgs.add(request.offset());
            Jdbc.forEach(c, "SELECT r.res_type, r.res_id, r.version, r.last_updated, r.deleted, r.body" + from
                    + " ORDER BY CASE WHEN r.res_type = 'Patient' THEN 0 ELSE 1 END, r.res_type, r.res_id LIMIT ? OFFSET ?", 0,
                    row -> page.add(codec.decode(new org.peerbridge.server.storage.StoredVersion(row.getString(1), row.getString(2),
                            row.getInt(3), row.getLong(4), row.getBoolean(5), null, row.getString(6)))), pageArgs.toArray());
        }
        return new SearchService.SearchResult(total, page, List.of());
    }

    private static String from(Request request, List<Object> args) {
        StringBuilder sql = new StringBuilder(" FROM resource r JOIN (SELECT res_type, res_id FROM idx_reference"
                + " WHERE target_id = ? AND target_type = 'Patient' AND param = ? UNION SELECT res_type, res_id FROM resource"
                + " WHERE res_type = 'Patient' AND res_id = ?) m ON r.res_type = m.res_type AND r.res_id = m.res_id"
                + " WHERE r.deleted = FALSE AND r.res_type IN (" + SearchSql.placeholders(request.types().size()) + ")");
        args.add(request.patientId());
        args.add(PATIENT_PARAM);
        args.add(request.patientId());
        args.addAll(request.types());
        if (request.sinceMillis() != null) {
            sql.append(" AND r.last_updated >= ?");
            args.add(request.sinceMillis());
        }
        ReadScope.current().appendFilter(sql, args, null, "r.res_type", "r.res_id");
        return sql.toString();
    }
}
