package org.peerbridge.server.outcome;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.outcome.AssessmentSchedule.Assessment;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * SQL for {@code outcome_score} (migration V5): each scored response's Observation, referral,
 * instrument, authored day and whether it was withdrawn, written in the response's transaction; what a
 * new score's time point is placed among.
 */
final class ScoreIndex {

    void add(UnitOfWork uow, String responseId, String observationId, String referralId, Instrument instrument,
             LocalDate authored) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement("INSERT INTO outcome_score"
                + " (response_id, observation_id, referral_id, instrument, authored_day) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, responseId);
            ps.setString(2, observationId);
            ps.setString(3, referralId);
            ps.setString(4, instrument.slug());
            ps.setLong(5, authored.toEpochDay());
            ps.executeUpdate();
        }
    }

    /** An amendment may change the authored date. */
    void moveTo(UnitOfWork uow, String responseId, LocalDate authored) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "UPDATE outcome_score SET authored_day = ? WHERE response_id = ?")) {
            ps.setLong(1, authored.toEpochDay());
            ps.setString(2, responseId);
            ps.executeUpdate();
        }
    }

    /** A withdrawn response's score no longer counts, e.g. as a baseline. */
    void withdraw(UnitOfWork uow, String responseId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "UPDATE outcome_score SET withdrawn = TRUE WHERE response_id = ?")) {
            ps.setString(1, responseId);
            ps.executeUpdate();
        }
    }

    /** The id of the score Observation of a response. */
    Optional<String> observationOf(UnitOfWork uow, String responseId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "SELECT observation_id FROM outcome_score WHERE response_id = ?")) {
            ps.setString(1, responseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether an Observation is a score the server derived from a response. */
    boolean isScore(UnitOfWork uow, String observationId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement(
                "SELECT 1 FROM outcome_score WHERE observation_id = ?")) {
            ps.setString(1, observationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The referral's current scores of this instrument other than {@code responseId}'s (withdrawn ones do not
     * count), earliest first, as assessments named by response id.
     */
    List<Assessment> others(UnitOfWork uow, String referralId, Instrument instrument, String responseId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement("SELECT response_id, authored_day FROM outcome_score"
                + " WHERE referral_id = ? AND instrument = ? AND response_id <> ? AND withdrawn = FALSE ORDER BY authored_day")) {
            ps.setString(1, referralId);
            ps.setString(2, instrument.slug());
            ps.setString(3, responseId);
            List<Assessment> others = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    others.add(new Assessment(rs.getString(1), LocalDate.ofEpochDay(rs.getLong(2))));
                }
            }
            return others;
        }
    }
}
