package org.peerbridge.server.security.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.access.ReferralAccess;
import org.peerbridge.server.storage.Jdbc;
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
        return new LinkedHashSet<>(Jdbc.queryList(c, "SELECT organization FROM access_scope WHERE res_id = ? AND res_type = ?",
                row -> row.getString(1), id, type));
    }

    private static void grant(Connection c, String type, String id, Collection<String> organizations) throws SQLException {
        Jdbc.batch(c, "INSERT INTO access_scope (res_type, res_id, organization) SELECT ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM access_scope WHERE res_id = ? AND res_type = ? AND organization = ?)",
                organizations, organization -> new Object[] {type, id, organization, id, type, organization});
    }
}
