package org.peerbridge.server.write;

import java.sql.SQLException;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.Jdbc;
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
        Jdbc.update(uow.connection(), "INSERT INTO conditional_claim (res_type, organization, criteria_hash, res_id) VALUES (?, ?, ?, ?)",
                type, ReadScope.current().claimant(), Digests.sha256Hex(criteria), id);
    }

    static void release(UnitOfWork uow, String type, String id) throws SQLException {
        Jdbc.update(uow.connection(), "DELETE FROM conditional_claim WHERE res_type = ? AND res_id = ?", type, id);
    }
}
