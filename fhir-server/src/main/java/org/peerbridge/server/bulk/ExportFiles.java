package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.peerbridge.server.storage.Jdbc;

/**
 * SQL of an export's NDJSON files ({@code bulk_export_file}) and their chunks ({@code bulk_export_chunk}): a
 * page of resources is appended to its type's current file as one chunk, kept gzip-compressed ({@link NdjsonGzip}),
 * and a file holds at most
 * {@link #RESOURCES_PER_FILE} resources, so a large type is split into files a client can fetch in parallel.
 */
final class ExportFiles {

    static final int RESOURCES_PER_FILE = 10_000;

    /** What a file holds: resources of one type (output), or Bundles of deletions (deleted). */
    enum Kind {
        OUTPUT, DELETED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One file of a job, as the manifest lists it. */
    record ExportFile(int number, String kind, String type, int count, int chunks) { }

    /** Appends {@code count} NDJSON lines of {@code type} to the job's current file of that kind and type. */
    void append(Connection c, String jobId, Kind kind, String type, int count, String ndjson) throws SQLException {
        Optional<ExportFile> current = Jdbc.queryOne(c, "SELECT file_no, kind, res_type, res_count, chunks FROM bulk_export_file"
                + " WHERE job_id = ? AND kind = ? AND res_type = ? ORDER BY file_no DESC LIMIT 1", ExportFiles::file, jobId, kind.code(), type);
        int number;
        int chunk;
        if (current.isPresent() && current.get().count() < RESOURCES_PER_FILE) {
            number = current.get().number();
            chunk = current.get().chunks() + 1;
            Jdbc.update(c, "UPDATE bulk_export_file SET res_count = res_count + ?, chunks = ? WHERE job_id = ? AND file_no = ?",
                    count, chunk, jobId, number);
        } else {
            number = Jdbc.queryOne(c, "SELECT MAX(file_no) FROM bulk_export_file WHERE job_id = ?", row -> row.getInt(1), jobId).orElse(0) + 1;
            chunk = 1;
            Jdbc.update(c, "INSERT INTO bulk_export_file (job_id, file_no, kind, res_type, res_count, chunks) VALUES (?, ?, ?, ?, ?, ?)",
                    jobId, number, kind.code(), type, count, chunk);
        }
        Jdbc.update(c, "INSERT INTO bulk_export_chunk (job_id, file_no, chunk_no, ndjson_gzip) VALUES (?, ?, ?, ?)", jobId, number, chunk,
                NdjsonGzip.compress(ndjson));
    }

    /** The job's files in the order they were started. */
    List<ExportFile> files(Connection c, String jobId) throws SQLException {
        return Jdbc.queryList(c, "SELECT file_no, kind, res_type, res_count, chunks FROM bulk_export_file WHERE job_id = ? ORDER BY file_no",
                ExportFiles::file, jobId);
    }

    Optional<ExportFile> file(Connection c, String jobId, int number) throws SQLException {
        return Jdbc.queryOne(c, "SELECT file_no, kind, res_type, res_count, chunks FROM bulk_export_file WHERE job_id = ? AND file_no = ?",
                ExportFiles::file, jobId, number);
    }

    /** One chunk's NDJSON; empty when the job was removed meanwhile. */
    Optional<String> chunk(Connection c, String jobId, int number, int chunk) throws SQLException {
        return Jdbc.queryOne(c, "SELECT ndjson_gzip, ndjson FROM bulk_export_chunk WHERE job_id = ? AND file_no = ? AND chunk_no = ?",
                row -> {
                    byte[] gzipped = row.getBytes(1);
                    return gzipped != null ? NdjsonGzip.decompress(gzipped) : row.getString(2); // text: written before V95
                }, jobId, number, chunk);
    }

    private static ExportFile file(java.sql.ResultSet row) throws SQLException {
        return new ExportFile(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4), row.getInt(5));
    }
}
