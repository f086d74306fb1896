package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.peerbridge.server.storage.Jdbc;

/**
 * SQL of {@code bulk_export_job} and {@code bulk_export_patient}. A job is run under a lease (a row value with
 * an expiry on the database's clock), taken with one conditional UPDATE, so of two replicas claiming at once
 * only one gets it, and renewed with every page; a replica that dies leaves a lease that expires, and the
 * next claim resumes the job where its last committed page left it.
 */
final class ExportJobs {

    /** How long a lease lasts without a page committed under it. */
    static final long LEASE_MS = 60_000;

    private static final String COLUMNS = "job_id, client_id, organization, scopes, request_url, export_level, group_id, patients_listed,"
            + " types, since_ms, type_filters, transaction_time, status, created, expires, type_index, after_id, exported, error_text";
    private static final String ACTIVE = "status IN ('queued', 'running')";

    /** Stores a queued job; its snapshot time is {@code now}, the database's time of this transaction. */
    String create(Connection c, ExportJob.Request request, long now) throws SQLException {
        String id = UUID.randomUUID().toString(); // the status URL's key: random, not guessable from other jobs
        Jdbc.update(c, "INSERT INTO bulk_export_job (" + COLUMNS + ", attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, request.clientId(), request.organization(), request.scopes(), request.requestUrl(), request.level().code(),
                request.groupId(), request.patients() != null, String.join(",", request.types()), Jdbc.nullableBigint(request.since()),
                request.typeFilters().isEmpty() ? null : String.join("\n", request.typeFilters()), now,
                ExportJob.Status.QUEUED.code(), now, Jdbc.nullableBigint(null), 0, "", 0L, null, 0);
        if (request.patients() != null) {
            Jdbc.batch(c, "INSERT INTO bulk_export_patient (job_id, patient_id) VALUES (?, ?)", request.patients(),
                    patient -> new Object[] {id, patient});
        }
        return id;
    }

    Optional<ExportJob> find(Connection c, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM bulk_export_job WHERE job_id = ?", ExportJobs::job, id);
    }

    /**
     * Jobs ready to run, oldest first: not leased (or the lease expired), and whose snapshot time is before
     * {@code horizon}, the time before which every write has committed, so the snapshot is complete.
     */
    List<String> due(Connection c, long now, long horizon, int limit) throws SQLException {
        return Jdbc.queryList(c, "SELECT job_id FROM bulk_export_job WHERE " + ACTIVE + " AND (lease_expires IS NULL OR lease_expires < ?)"
                + " AND transaction_time < ? ORDER BY created LIMIT ?", row -> row.getString(1), now, horizon, limit);
    }

    /** Leases the job to {@code lease} unless a live lease holds it; counts the attempt. */
    boolean claim(Connection c, String id, String lease, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE bulk_export_job SET lease_owner = ?, lease_expires = ?, status = ?, attempts = attempts + 1"
                + " WHERE job_id = ? AND " + ACTIVE + " AND (lease_expires IS NULL OR lease_expires < ?)",
                lease, now + LEASE_MS, ExportJob.Status.RUNNING.code(), id, now) == 1;
    }

    /** How many times the job has been claimed. */
    int attempts(Connection c, String id) throws SQLException {
        return Jdbc.queryOne(c, "SELECT attempts FROM bulk_export_job WHERE job_id = ?", row -> row.getInt(1), id).orElse(0);
    }

    /**
     * Renews the lease and locks the job's row until the transaction ends (a cancellation waits for the page
     * being written); false when the job was cancelled or its lease taken over.
     */
    boolean renew(Connection c, String id, String lease, long now) throws SQLException {
        return Jdbc.update(c, "UPDATE bulk_export_job SET lease_expires = ? WHERE job_id = ? AND lease_owner = ?", now + LEASE_MS, id, lease) == 1;
    }

    /** Where the next page starts, and the resources written so far; under a lease renewed in this transaction. */
    void advance(Connection c, String id, int typeIndex, String afterId, long exported) throws SQLException {
        Jdbc.update(c, "UPDATE bulk_export_job SET type_index = ?, after_id = ?, exported = ? WHERE job_id = ?", typeIndex, afterId, exported, id);
    }

    /** Done: the files are downloadable until {@code expires}. */
    boolean complete(Connection c, String id, String lease, long now, long expires) throws SQLException {
        return Jdbc.update(c, "UPDATE bulk_export_job SET status = ?, finished = ?, expires = ?, lease_owner = NULL, lease_expires = NULL"
                + " WHERE job_id = ? AND lease_owner = ?", ExportJob.Status.COMPLETED.code(), now, expires, id, lease) == 1;
    }

    /** Given up: the status answers the error until {@code expires}. */
    void fail(Connection c, String id, String why, long now, long expires) throws SQLException {
        Jdbc.update(c, "UPDATE bulk_export_job SET status = ?, finished = ?, expires = ?, error_text = ?, lease_owner = NULL,"
                + " lease_expires = NULL WHERE job_id = ? AND " + ACTIVE, ExportJob.Status.FAILED.code(), now, expires,
                why.length() > 1000 ? why.substring(0, 1000) : why, id);
    }

    /** A stopping replica hands the job back at once; the attempt is not counted, since nothing went wrong. */
    void handBack(Connection c, String id, String lease) throws SQLException {
        Jdbc.update(c, "UPDATE bulk_export_job SET lease_owner = NULL, lease_expires = NULL, attempts = attempts - 1"
                + " WHERE job_id = ? AND lease_owner = ?", id, lease);
    }

    /** An attempt that failed: the lease is freed for a later claim. */
    void release(Connection c, String id, String lease) throws SQLException {
        Jdbc.update(c, "UPDATE bulk_export_job SET lease_owner = NULL, lease_expires = NULL WHERE job_id = ? AND lease_owner = ?", id, lease);
    }

    /** Finished jobs whose files have expired. */
    List<String> expired(Connection c, long now) throws SQLException {
        return Jdbc.queryList(c, "SELECT job_id FROM bulk_export_job WHERE expires < ?", row -> row.getString(1), now);
    }

    /**
     * Removes the job, its patients and its files. The job's row goes first: a page being written holds it,
     * so this waits for that page and then removes it too, and the worker's next renewal finds no job.
     */
    boolean delete(Connection c, String id) throws SQLException {
        boolean existed = Jdbc.update(c, "DELETE FROM bulk_export_job WHERE job_id = ?", id) == 1;
        Jdbc.update(c, "DELETE FROM bulk_export_patient WHERE job_id = ?", id);
        Jdbc.update(c, "DELETE FROM bulk_export_chunk WHERE job_id = ?", id);
        Jdbc.update(c, "DELETE FROM bulk_export_file WHERE job_id = ?", id);
        return existed;
    }

    private static ExportJob job(ResultSet row) throws SQLException {
        long since = row.getLong("since_ms");
        Long sinceMs = row.wasNull() ? null : since;
        long expires = row.getLong("expires");
        Long expiresMs = row.wasNull() ? null : expires;
        return new ExportJob(row.getString("job_id"), row.getString("client_id"), row.getString("organization"), row.getString("scopes"),
                row.getString("request_url"), ExportLevel.of(row.getString("export_level")), row.getString("group_id"),
                row.getBoolean("patients_listed"), ExportJob.split(row.getString("types"), ","), sinceMs,
                ExportJob.split(row.getString("type_filters"), "\n"), row.getLong("transaction_time"),
                ExportJob.Status.of(row.getString("status")), row.getLong("created"), expiresMs, row.getInt("type_index"),
                row.getString("after_id"), row.getLong("exported"), row.getString("error_text"));
    }
}
