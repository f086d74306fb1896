package org.peerbridge.server.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Makes conditional create safe under concurrency. Two identical creates can both search, find
 * nothing and create; the claim table's primary key on (type, organization, criteria) lets only one
 * commit, and the other fails with a unique violation, is retried, and then finds the winner by searching.
 *
 * <p>Claims are per organization, like the search that precedes them: another organization's claim on
 * the same criteria (a Patient with the same MRN) never blocks this one, so an answer never depends on
 * whether another organization's data exists. The criteria are stored as a SHA-256 hash: fixed length,
 * and no identifier value in this table.
 *
 * <p>A claim is held only while its resource is unchanged: an update or delete releases it. That
 * never lets a duplicate in, because while the resource still matches the criteria a conditional
 * create finds it by search, and once it no longer matches a new one is what the client asked for.
 */
final class ConditionalClaims {

    private ConditionalClaims() {
    }

    static void claim(UnitOfWork uow, String type, String criteria, String id) throws SQLException {
        try (PreparedStatement insert = uow.connection().prepareStatement(
                "INSERT INTO conditional_claim (res_type, organization, criteria_hash, res_id) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, type);
            insert.setString(2, ReadScope.current().claimant());
            insert.setString(3, Digests.sha256Hex(criteria));
            insert.setString(4, id);
            insert.executeUpdate();
        }
    }

    static void release(UnitOfWork uow, String type, String id) throws SQLException {
        try (PreparedStatement delete = uow.connection().prepareStatement(
                "DELETE FROM conditional_claim WHERE res_type = ? AND res_id = ?")) {
            delete.setString(1, type);
            delete.setString(2, id);
            delete.executeUpdate();
        }
    }
}
