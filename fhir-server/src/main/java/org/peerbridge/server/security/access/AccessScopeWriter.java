package org.peerbridge.server.security.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.access.ReferralAccess;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.storage.VersionListener;
import org.peerbridge.server.storage.WrittenVersion;

/**
 * Keeps {@code access_scope} in step with every version written, in the writing transaction: a resource
 * is visible to the organization whose client wrote it and to every organization that may see what it
 * is derived from; a referral passes its audience on to its patient, reason and consent
 * ({@link ReferralAccess}). Rows are only ever added: whoever saw a version may read its history.
 */
public final class AccessScopeWriter implements VersionListener {

    @Override
    public void written(UnitOfWork uow, WrittenVersion written) throws SQLException {
        Resource resource = written.resource();
        if (resource == null) {
            return; // a deletion changes nobody's right to the history
        }
        Connection c = uow.connection();
        Audiences known = uow.attachment(Audiences.class, Audiences::new);
        String key = written.type() + "/" + written.id();
        if (written.method() == WrittenVersion.Method.CREATE) {
            known.startsEmpty(key);
        }
        Set<String> audience = new LinkedHashSet<>();
        CallerContext.current().ifPresent(caller -> audience.add(caller.organization()));
        for (String source : ReferralAccess.derivedFrom(resource)) {
            audience.addAll(known.of(c, source));
        }
        known.grant(c, key, audience);
        for (String shared : ReferralAccess.sharedWith(resource)) {
            known.grant(c, shared, audience);
        }
    }

    /**
     * The audiences this unit of work has read or written, so that a Bundle's entries neither read back
     * what the transaction itself stored (a Task's referral created in the same Bundle) nor insert a row
     * it already inserted (a referral sharing the patient it was created with).
     */
    private static final class Audiences {
        /** Type/id -> organizations known to have a row; the whole audience when the key is in {@link #whole}. */
        private final Map<String, Set<String>> rows = new HashMap<>();
        private final Set<String> whole = new HashSet<>();

        /** A resource created by this unit of work has no rows but the ones it gets here. */
        void startsEmpty(String key) {
            rows.putIfAbsent(key, new HashSet<>());
            whole.add(key);
        }

        Set<String> of(Connection c, String key) throws SQLException {
            if (!whole.contains(key)) {
                IdType id = new IdType(key);
                rows.computeIfAbsent(key, k -> new HashSet<>()).addAll(organizations(c, id.getResourceType(), id.getIdPart()));
                whole.add(key);
            }
            return rows.get(key);
        }

        void grant(Connection c, String key, Collection<String> organizations) throws SQLException {
            Set<String> present = rows.computeIfAbsent(key, k -> new HashSet<>());
            List<String> missing = new ArrayList<>();
            for (String organization : organizations) {
                if (!present.contains(organization)) {
                    missing.add(organization);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            IdType id = new IdType(key);
            insert(c, id.getResourceType(), id.getIdPart(), missing);
            present.addAll(missing);
        }
    }

    private static Set<String> organizations(Connection c, String type, String id) throws SQLException {
        Set<String> organizations = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT organization FROM access_scope WHERE res_id = ? AND res_type = ?")) {
            ps.setString(1, id);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    organizations.add(rs.getString(1));
                }
            }
        }
        return organizations;
    }

    private static void insert(Connection c, String type, String id, Collection<String> organizations) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_scope (res_type, res_id, organization) SELECT ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM access_scope WHERE res_id = ? AND res_type = ? AND organization = ?)")) {
            for (String organization : organizations) {
                ps.setString(1, type);
                ps.setString(2, id);
                ps.setString(3, organization);
                ps.setString(4, id);
                ps.setString(5, type);
                ps.setString(6, organization);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
