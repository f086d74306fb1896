package org.peerbridge.server.population;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ReadScope;

/**
 * SQL for {@code program_participant_stale}: the marks of referrals whose kept row may be behind what is stored. Writers
 * only insert (each mark a row of its own, so concurrent writers never wait on each other here); a derivation deletes
 * exactly the marks it read before it read the data, never one a later write added.
 */
final class StaleMarks {

    /** Marks each referral once. */
    void mark(Connection c, Collection<String> referralIds) throws SQLException {
        Jdbc.batch(c, "INSERT INTO program_participant_stale (referral_id) VALUES (?)", referralIds, id -> new Object[] {id});
    }

    /** Up to {@code limit} (0: all) marked referrals the scope sees, those marked longest ago first. */
    List<String> referrals(Connection c, int limit, ReadScope scope) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s.referral_id FROM program_participant_stale s WHERE TRUE");
        List<Object> args = new ArrayList<>();
        scope.appendFilter(sql, args, "ServiceRequest", null, "s.referral_id");
        sql.append(" GROUP BY s.referral_id ORDER BY MIN(s.mark)");
        return Jdbc.queryAtMost(c, limit, sql.toString(), row -> row.getString(1), args.toArray());
    }

    /** The referral's marks committed so far. */
    List<Long> of(Connection c, String referralId) throws SQLException {
        return Jdbc.queryList(c, "SELECT mark FROM program_participant_stale WHERE referral_id = ?", row -> row.getLong(1), referralId);
    }

    void clear(Connection c, List<Long> marks) throws SQLException {
        Jdbc.batch(c, "DELETE FROM program_participant_stale WHERE mark = ?", marks, mark -> new Object[] {mark});
    }
}
