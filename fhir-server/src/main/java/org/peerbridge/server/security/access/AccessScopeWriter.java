package org.peerbridge.server.security.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
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
        Set<String> audience = new LinkedHashSet<>();
        CallerContext.current().ifPresent(caller -> audience.add(caller.organization()));
        for (String source : ReferralAccess.derivedFrom(resource)) {
            IdType id = new IdType(source);
            audience.addAll(organizations(c, id.getResourceType(), id.getIdPart()));
        }
        grant(c, written.type(), written.id(), audience);
        for (String shared : ReferralAccess.sharedWith(resource)) {
            IdType id = new IdType(shared);
            grant(c, id.getResourceType(), id.getIdPart(), audience);
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

    private static void grant(Connection c, String type, String id, Collection<String> organizations) throws SQLException {
        if (organizations.isEmpty()) {
            return;
        }
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
