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
 * Whether a deletion belongs in a Patient- or Group-level export: a deleted resource has no index rows left,
 * so its compartment is read from its last version before the deletion, through the same {@code patient}
 * search parameter the index uses. Deletions are rare; each costs one read by primary key.
 */
final class DeletedInCompartment {

    private final ResourceCodec codec;
    private final ResourceIndexer indexer;

    DeletedInCompartment(ResourceCodec codec, ResourceIndexer indexer) {
        this.codec = codec;
        this.indexer = indexer;
    }

    boolean belongs(Connection c, ExportJob job, String type, String id, int deletedVersion) throws SQLException {
        if ("Patient".equals(type)) {
            return true; // the page's SQL has already kept only the listed patients
        }
        Optional<String> before = Jdbc.queryOne(c, "SELECT body FROM resource_history WHERE res_type = ? AND res_id = ? AND version < ?"
                + " AND deleted = FALSE ORDER BY version DESC LIMIT 1", row -> row.getString(1), type, id, deletedVersion);
        if (before.isEmpty()) {
            return false;
        }
        IndexRows rows = indexer.extract(codec.decode(new StoredVersion(type, id, deletedVersion - 1, 0, false, null, before.get())));
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
}
