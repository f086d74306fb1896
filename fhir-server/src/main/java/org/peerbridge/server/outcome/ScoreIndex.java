package org.peerbridge.server.outcome;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * SQL for {@code outcome_score} (migrations V5, V13): each scored response's Observation, referral,
 * instrument, authored day, the time point its Observation states and whether it was withdrawn, written
 * in the response's transaction; what a score's time point is placed among.
 */
public final class ScoreIndex {

    /** One current score of a referral; {@code timePoint} is empty when not known without reading the Observation. */
    record IndexedScore(String responseId, String observationId, String instrument, LocalDate authored, Optional<TimePoint> timePoint) {
    }

    void add(UnitOfWork uow, String responseId, String observationId, String referralId, Instrument instrument,
             LocalDate authored, TimePoint timePoint) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement("INSERT INTO outcome_score"
                + " (response_id, observation_id, referral_id, instrument, authored_day, time_point) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, responseId);
            ps.setString(2, observationId);
            ps.setString(3, referralId);
            ps.setString(4, instrument.slug());
            ps.setLong(5, authored.toEpochDay());
            ps.setString(6, timePoint.code());
            ps.executeUpdate();
        }
    }

    /** The time point the score Observation of a response now states. */
    void placeAt(UnitOfWork uow, String responseId, TimePoint timePoint) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement("UPDATE outcome_score SET time_point = ? WHERE response_id = ?")) {
            ps.setString(1, timePoint.code());
            ps.setString(2, responseId);
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
     * The referral's current scores of every instrument (withdrawn ones do not count), in the order they
     * were recorded: response ids are time-ordered, so that is id order.
     */
    List<IndexedScore> current(UnitOfWork uow, String referralId) throws SQLException {
        try (PreparedStatement ps = uow.connection().prepareStatement("SELECT response_id, observation_id, instrument, authored_day,"
                + " time_point FROM outcome_score WHERE referral_id = ? AND withdrawn = FALSE ORDER BY response_id")) {
            ps.setString(1, referralId);
            List<IndexedScore> scores = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scores.add(new IndexedScore(rs.getString(1), rs.getString(2), rs.getString(3), LocalDate.ofEpochDay(rs.getLong(4)),
                            Optional.ofNullable(rs.getString(5)).flatMap(code -> CodedValue.fromCode(TimePoint.class, code))));
                }
            }
            return scores;
        }
    }
}
