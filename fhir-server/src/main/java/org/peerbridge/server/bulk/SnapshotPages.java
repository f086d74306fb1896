package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.server.search.PatientCompartment;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.StoredVersion;

/**
 * Reads the resources of one type an export holds, a page at a time in id order, as they stood at the job's
 * snapshot time: for each resource the last version written at or before it, so a resumed job reads exactly
 * what it would have read, and a resource changed during the export is exported as it was.
 * <p>
 * The page is read from {@code resource}, one row per resource: a current version written at or before the
 * snapshot is the snapshot's version, and nearly every row is one. Only a resource written after the snapshot
 * is looked up in {@code resource_history}, which holds the versions it replaced, by its key, for the last version
 * before it (none if it did not exist yet). So an export reads each resource once and never the versions it does not export.
 * <p>
 * The job's filters and the caller's read scope are applied in SQL, to the version exported:
 * <ul>
 *   <li>no {@code _since}: live versions only; with it, versions after it, deletions included (the
 *       manifest's deleted files);</li>
 *   <li>{@code _typeFilter} on the version's last-updated time;</li>
 *   <li>Patient and Group level: patients (all the caller may see, or the listed ones) and resources whose
 *       {@code patient} search parameter points at one of them (the compartment, by the reference index, which
 *       describes current versions; an older version read from history is judged by its body, and deletions
 *       by the caller, both through {@link VersionCompartment});</li>
 *   <li>the read scope: a referrer reads only what its organization has access rows for.</li>
 * </ul>
 */
final class SnapshotPages {

    /** Rows read per page at most; a page is one chunk of a file and one committed step of the job. */
    static final int PAGE_ROWS = 500;
    /** Rows the driver fetches at a time, so a page of large resources is never all in memory before it is cut short. */
    private static final int FETCH_ROWS = 100;

    private final VersionCompartment compartment;

    SnapshotPages(VersionCompartment compartment) {
        this.compartment = compartment;
    }

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
        StringBuilder sql = new StringBuilder("SELECT r.res_id, r.version, r.last_updated, r.deleted, r.body FROM resource r"
                + " WHERE r.res_type = ? AND r.res_id > ? AND (r.last_updated > ? OR (");
        args.add(type);
        args.add(afterId);
        args.add(job.transactionTime());
        appendExported(sql, args, "r", job, type, scope, filters, true);
        // the whole primary key (res_type is one value): H2 then reads the page in index order and stops after it,
        // where ORDER BY res_id alone made it read and sort the rest of the type for every page
        sql.append(")) ORDER BY r.res_type, r.res_id LIMIT ?");
        args.add(PAGE_ROWS);
        walkInIdOrder(c);
        String[] last = {null};
        int[] rows = {0};
        Jdbc.forEachWhile(c, sql.toString(), FETCH_ROWS, rs -> {
            Row current = row(rs);
            last[0] = current.id();
            rows[0]++;
            Optional<Row> exported = current.lastUpdated() <= job.transactionTime() ? Optional.of(current)
                    : beforeSnapshot(c, job, type, current.id(), scope, filters);
            if (exported.isEmpty() || each.accept(exported.get())) {
                return true;
            }
            rows[0] = PAGE_ROWS; // cut short: more may follow
            return false;
        }, args.toArray());
        return rows[0] == PAGE_ROWS ? last[0] : null;
    }

    /**
     * PostgreSQL without statistics (a store just loaded, autovacuum off) may guess that few rows of the type remain,
     * read them all with a bitmap scan and sort them, for every page: an export would read each type quadratically.
     * Without bitmap scans for this transaction it walks the primary key in id order and stops after the page,
     * whatever the statistics say.
     */
    private static void walkInIdOrder(Connection c) throws SQLException {
        if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            Jdbc.update(c, "SET LOCAL enable_bitmapscan = off");
        }
    }

    /** The version of a resource changed after the snapshot that the snapshot holds, if the export holds it. */
    private Optional<Row> beforeSnapshot(Connection c, ExportJob job, String type, String id, ReadScope scope, TypeFilters filters)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(type, id, type, id, job.transactionTime()));
        StringBuilder sql = new StringBuilder("SELECT h.res_id, h.version, h.last_updated, h.deleted, h.body FROM resource_history h"
                + " WHERE h.res_type = ? AND h.res_id = ? AND h.version = (SELECT MAX(n.version) FROM resource_history n"
                + " WHERE n.res_type = ? AND n.res_id = ? AND n.last_updated <= ?) AND ");
        boolean byBody = job.level().byPatient() && !"Patient".equals(type);
        appendExported(sql, args, "h", job, type, scope, filters, !byBody);
        Optional<Row> version = Jdbc.queryOne(c, sql.toString(), SnapshotPages::row, args.toArray());
        if (byBody && version.isPresent() && !version.get().deleted()) {
            Row row = version.get();
            return compartment.holds(c, job, new StoredVersion(type, row.id(), row.version(), row.lastUpdated(), false, null, row.body()))
                    ? version : Optional.empty();
        }
        return version;
    }

    /** A row of the columns res_id, version, last_updated, deleted, body, in that order. */
    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5));
    }

    /**
     * The condition on the versions (table alias {@code v}) the export holds: the job's filters, the caller's read scope
     * and, if {@code compartmentByIndex}, the patient compartment as the reference index has it.
     */
    private static void appendExported(StringBuilder sql, List<Object> args, String v, ExportJob job, String type, ReadScope scope,
            TypeFilters filters, boolean compartmentByIndex) {
        if (job.since() != null) {
            sql.append(v).append(".last_updated > ?");
            args.add(job.since());
        } else {
            sql.append(v).append(".deleted = FALSE");
        }
        sql.append(filters.condition(type, v + ".last_updated", args));
        if (job.level().byPatient() && compartmentByIndex) {
            appendCompartment(sql, args, v, job, type);
        }
        scope.appendFilter(sql, args, type, v + ".res_type", v + ".res_id");
    }

    private static void appendCompartment(StringBuilder sql, List<Object> args, String v, ExportJob job, String type) {
        if ("Patient".equals(type)) {
            if (job.patientsListed()) {
                sql.append(" AND ").append(v).append(".res_id IN (SELECT p.patient_id FROM bulk_export_patient p WHERE p.job_id = ?)");
                args.add(job.id());
            }
            return;
        }
        sql.append(" AND (").append(v).append(".deleted = TRUE OR EXISTS (SELECT 1 FROM idx_reference x");
        if (job.patientsListed()) {
            sql.append(" JOIN bulk_export_patient p ON p.patient_id = x.target_id AND p.job_id = ?");
            args.add(job.id());
        }
        sql.append(" WHERE x.res_id = ").append(v).append(".res_id AND x.res_type = ").append(v)
                .append(".res_type AND x.param = ? AND x.target_type = 'Patient'))");
        args.add(PatientCompartment.PATIENT_PARAM);
    }
}
