package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.storage.Jdbc;
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
        Jdbc.update(uow.connection(), "INSERT INTO outcome_score (response_id, observation_id, referral_id, instrument, authored_day,"
                + " time_point) VALUES (?, ?, ?, ?, ?, ?)", responseId, observationId, referralId, instrument.slug(), authored.toEpochDay(),
                timePoint.code());
    }

    /** The time point the score Observation of a response now states. */
    void placeAt(UnitOfWork uow, String responseId, TimePoint timePoint) throws SQLException {
        Jdbc.update(uow.connection(), "UPDATE outcome_score SET time_point = ? WHERE response_id = ?", timePoint.code(), responseId);
    }

    /** An amendment may change the authored date. */
    void moveTo(UnitOfWork uow, String responseId, LocalDate authored) throws SQLException {
        Jdbc.update(uow.connection(), "UPDATE outcome_score SET authored_day = ? WHERE response_id = ?", authored.toEpochDay(), responseId);
    }

    /** A withdrawn response's score no longer counts, e.g. as a baseline. */
    void withdraw(UnitOfWork uow, String responseId) throws SQLException {
        Jdbc.update(uow.connection(), "UPDATE outcome_score SET withdrawn = TRUE WHERE response_id = ?", responseId);
    }

    /** The id of the score Observation of a response. */
    Optional<String> observationOf(UnitOfWork uow, String responseId) throws SQLException {
        return Jdbc.queryOne(uow.connection(), "SELECT observation_id FROM outcome_score WHERE response_id = ?",
                row -> row.getString(1), responseId);
    }

    /** Whether an Observation is a score the server derived from a response. */
    boolean isScore(UnitOfWork uow, String observationId) throws SQLException {
        return Jdbc.queryOne(uow.connection(), "SELECT 1 FROM outcome_score WHERE observation_id = ?", row -> true, observationId)
                .isPresent();
    }

    /**
     * The referral's current scores of every instrument (withdrawn ones do not count), in the order they
     * were recorded: response ids are time-ordered, so that is id order.
     */
    List<IndexedScore> current(UnitOfWork uow, String referralId) throws SQLException {
        return Jdbc.queryList(uow.connection(), "SELECT response_id, observation_id, instrument, authored_day, time_point"
                + " FROM outcome_score WHERE referral_id = ? AND withdrawn = FALSE ORDER BY response_id",
                row -> new IndexedScore(row.getString(1), row.getString(2), row.getString(3), LocalDate.ofEpochDay(row.getLong(4)),
                        Optional.ofNullable(row.getString(5)).flatMap(code -> CodedValue.fromCode(TimePoint.class, code))),
                referralId);
    }
}
