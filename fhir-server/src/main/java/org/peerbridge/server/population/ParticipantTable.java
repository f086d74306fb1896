package org.peerbridge.server.population;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.population.Participant;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.ReadScope;

/** SQL for {@code program_participant}: each referral's figures, written by the bookkeeping and read by the report. */
final class ParticipantTable {

    private static final int FETCH_SIZE = 1_000;

    /** Writes the referral's row, or removes it when the referral is gone. */
    void keep(Connection c, String referralId, Optional<ParticipantRow> row) throws SQLException {
        Jdbc.update(c, "DELETE FROM program_participant WHERE referral_id = ?", referralId);
        if (row.isPresent()) {
            ParticipantRow kept = row.get();
            Jdbc.update(c, "INSERT INTO program_participant (referral_id, patient_id, period_day, listed, figures) VALUES (?, ?, ?, ?, ?)",
                    referralId, kept.patientId(), kept.periodDay(), kept.listed(), kept.participant().map(ParticipantJson::write).orElse(null));
        }
    }

    /** The referrals whose subject is the patient. */
    List<String> referralsOf(Connection c, String patientId) throws SQLException {
        return Jdbc.queryList(c, "SELECT referral_id FROM program_participant WHERE patient_id = ?", row -> row.getString(1), patientId);
    }

    /**
     * The participants of the referrals the caller's {@link ReadScope} may see whose period day is in the period, in the
     * order their referrals were last updated.
     *
     * @param from, to inclusive; null for unbounded
     */
    List<Participant> cohort(Connection c, LocalDate from, LocalDate to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT figures FROM program_participant p WHERE figures IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND period_day >= ?");
            args.add(from.toEpochDay());
        }
        if (to != null) {
            sql.append(" AND period_day <= ?");
            args.add(to.toEpochDay());
        }
        ReadScope.current().appendFilter(sql, args, "ServiceRequest", null, "p.referral_id");
        sql.append(" ORDER BY listed, referral_id");
        List<Participant> cohort = new ArrayList<>();
        Jdbc.forEach(c, sql.toString(), FETCH_SIZE, row -> cohort.add(ParticipantJson.read(row.getString(1))), args.toArray());
        return cohort;
    }

    /** Whether a backfill ({@link #missing}) found every referral with a row or a mark, on any replica, at any start. */
    boolean backfilled(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "SELECT 1 FROM program_participant_backfill", row -> true).isPresent();
    }

    void recordBackfilled(Connection c, long doneAt) throws SQLException {
        Jdbc.update(c, "INSERT INTO program_participant_backfill (done_at) VALUES (?)", doneAt);
    }

    /**
     * Up to {@code limit} referrals with a fulfilment Task, no row and no stale mark, after {@code afterReferral} in id
     * order (null: from the first): those of a store written before this table. A marked referral is left to the
     * background and to the reports, as after any write.
     */
    List<String> missing(Connection c, String afterReferral, int limit) throws SQLException {
        return Jdbc.queryAtMost(c, limit, "SELECT t.service_request_id FROM referral_task t WHERE t.service_request_id > ?"
                + " AND NOT EXISTS (SELECT 1 FROM program_participant p WHERE p.referral_id = t.service_request_id)"
                + " AND NOT EXISTS (SELECT 1 FROM program_participant_stale s WHERE s.referral_id = t.service_request_id)"
                + " ORDER BY t.service_request_id", row -> row.getString(1), afterReferral == null ? "" : afterReferral);
    }
}
