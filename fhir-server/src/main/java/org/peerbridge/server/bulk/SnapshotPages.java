package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.search.PatientCompartment;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ReadScope;

/**
 * Reads the resources of one type an export holds, a page at a time in id order, as they stood at the job's
 * snapshot time: for each resource the last version written at or before it (resource_history), so a
 * resumed job reads exactly what it would have read, and a resource changed during the export is exported
 * as it was. The job's filters and the caller's read scope are applied in SQL:
 * <ul>
 *   <li>no {@code _since}: live versions only; with it, versions after it, deletions included (the
 *       manifest's deleted files);</li>
 *   <li>{@code _typeFilter} on the version's last-updated time;</li>
 *   <li>Patient and Group level: patients (all the caller may see, or the listed ones) and resources whose
 *       {@code patient} search parameter points at one of them (the compartment, by the reference index);
 *       deletions are judged by the caller ({@link DeletedInCompartment});</li>
 *   <li>the read scope: a referrer reads only what its organization has access rows for.</li>
 * </ul>
 */
final class SnapshotPages {

    /** Rows read per page at most; a page is one chunk of a file and one committed step of the job. */
    static final int PAGE_ROWS = 500;
    /** Rows the driver fetches at a time, so a page of large resources is never all in memory before it is cut short. */
    private static final int FETCH_ROWS = 50;

    /** A version as the snapshot has it; a deletion has no body. */
    record Row(String id, int version, long lastUpdated, boolean deleted, String body) { }

    /** What is done with each row; false stops the page after this row (it is large enough). */
    @FunctionalInterface
    interface RowHandler {
        boolean accept(Row row) throws SQLException;
    }

    /** Hands the rows after {@code afterId} to {@code each}; returns the last id handed over, or null when the type has no more. */
    String page(Connection c, ExportJob job, String type, String afterId, ReadScope scope, TypeFilters filters, RowHandler each)
            throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT h.res_id, h.version, h.last_updated, h.deleted, h.body FROM resource_history h"
                + " WHERE h.res_type = ? AND h.res_id > ? AND h.last_updated <= ? AND NOT EXISTS (SELECT 1 FROM resource_history n"
                + " WHERE n.res_type = h.res_type AND n.res_id = h.res_id AND n.version > h.version AND n.last_updated <= ?)");
        args.add(type);
        args.add(afterId);
        args.add(job.transactionTime());
        args.add(job.transactionTime());
        if (job.since() != null) {
            sql.append(" AND h.last_updated > ?");
            args.add(job.since());
        } else {
            sql.append(" AND h.deleted = FALSE");
        }
        sql.append(filters.condition(type, "h.last_updated", args));
        if (job.level().byPatient()) {
            appendCompartment(sql, args, job, type);
        }
        scope.appendFilter(sql, args, type, "h.res_type", "h.res_id");
        sql.append(" ORDER BY h.res_id LIMIT ?");
        args.add(PAGE_ROWS);
        String[] last = {null};
        int[] rows = {0};
        Jdbc.forEachWhile(c, sql.toString(), FETCH_ROWS, rs -> {
            Row row = new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5));
            last[0] = row.id();
            rows[0]++;
            if (each.accept(row)) {
                return true;
            }
            rows[0] = PAGE_ROWS; // cut short: more may follow
            return false;
        }, args.toArray());
        return rows[0] == PAGE_ROWS ? last[0] : null;
    }

    private static void appendCompartment(StringBuilder sql, List<Object> args, ExportJob job, String type) {
        if ("Patient".equals(type)) {
            if (job.patientsListed()) {
                sql.append(" AND h.res_id IN (SELECT p.patient_id FROM bulk_export_patient p WHERE p.job_id = ?)");
                args.add(job.id());
            }
            return;
        }
        sql.append(" AND (h.deleted = TRUE OR EXISTS (SELECT 1 FROM idx_reference x");
        if (job.patientsListed()) {
            sql.append(" JOIN bulk_export_patient p ON p.patient_id = x.target_id AND p.job_id = ?");
            args.add(job.id());
        }
        sql.append(" WHERE x.res_id = h.res_id AND x.res_type = h.res_type AND x.param = ? AND x.target_type = 'Patient'))");
        args.add(PatientCompartment.PATIENT_PARAM);
    }
}
