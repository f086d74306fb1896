package org.peerbridge.server.bulk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.peerbridge.server.search.PatientCompartment;
import org.peerbridge.server.storage.IndexRows;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceIndexer;
import org.peerbridge.server.storage.StoredVersion;

/**
 * Whether a version that is not the current one belongs in a Patient- or Group-level export. The reference
 * index describes current versions only (a deletion leaves none), so the compartment of an older version,
 * or of the version a deletion ended, is read from its body through the same {@code patient} search
 * parameter the index uses. Such versions are rare (changed after the snapshot, or deleted); each costs a
 * decode, and a deletion one read by primary key more.
 */
final class VersionCompartment {

    private final ResourceCodec codec;
    private final ResourceIndexer indexer;

    VersionCompartment(ResourceCodec codec, ResourceIndexer indexer) {
        this.codec = codec;
        this.indexer = indexer;
    }

    /** Whether a live version of a resource other than a Patient points at a patient the job exports. */
    boolean holds(Connection c, ExportJob job, StoredVersion version) throws SQLException {
        IndexRows rows = indexer.extract(codec.decode(version));
        List<String> patients = rows.references().stream()
                .filter(ref -> ref.param().equals(PatientCompartment.PATIENT_PARAM) && "Patient".equals(ref.targetType()))
                .map(IndexRows.Ref::targetId).toList();
        if (!job.patientsListed()) {
            return !patients.isEmpty();
        }
        for (String patient : patients) {
            if (Jdbc.queryOne(c, "SELECT 1 FROM bulk_export_patient WHERE job_id = ? AND patient_id = ?", row -> true, job.id(), patient)
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a deletion belongs in the export: judged by the last live version before it. */
    boolean holdsDeletion(Connection c, ExportJob job, String type, String id, int deletedVersion) throws SQLException {
        if ("Patient".equals(type)) {
            return true; // the page's SQL has already kept only the listed patients
        }
        Optional<StoredVersion> before = Jdbc.queryOne(c, "SELECT version, last_updated, body FROM resource_history"
                + " WHERE res_type = ? AND res_id = ? AND version < ? AND deleted = FALSE ORDER BY version DESC LIMIT 1",
                row -> new StoredVersion(type, id, row.getInt(1), row.getLong(2), false, null, row.getString(3)), type, id, deletedVersion);
        return before.isPresent() && holds(c, job, before.get());
    }
}
