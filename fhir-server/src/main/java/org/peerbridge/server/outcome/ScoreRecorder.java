package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.AssessmentSchedule.Assessment;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.mapping.outcome.Score;
import org.peerbridge.mapping.outcome.ScoreObservationFactory;
import org.peerbridge.mapping.outcome.ScoringScheme;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Stores the score Observation of a response in the response's own transaction, revises it in place
 * when the response is amended, so a chart never shows two scores for one response, and withdraws it
 * with the response.
 */
final class ScoreRecorder {

    private final ScoreIndex index;
    private final AttendedSessions sessions;

    ScoreRecorder(ScoreIndex index, AttendedSessions sessions) {
        this.index = index;
        this.sessions = sessions;
    }

    void record(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        Resource created = uow.create(observation(uow, response, scheme, score, referral, authored));
        index.add(uow, id(response), created.getIdElement().getIdPart(), referral.referral().getIdElement().getIdPart(),
                scheme.instrument(), authored);
    }

    void revise(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        Observation recomputed = observation(uow, response, scheme, score, referral, authored);
        StoredVersion current = uow.lockCurrentRow("Observation", scoreOf(uow, response)).orElseThrow();
        uow.update(ScoreObservationFactory.revised((Observation) uow.decode(current), recomputed), current);
        index.moveTo(uow, id(response), authored);
    }

    /** The response was entered in error: so is its score, which no chart of current scores shows any more. */
    void withdraw(UnitOfWork uow, QuestionnaireResponse response) throws SQLException {
        StoredVersion current = uow.lockCurrentRow("Observation", scoreOf(uow, response)).orElseThrow();
        uow.update(ScoreObservationFactory.withdrawn((Observation) uow.decode(current)), current);
        index.withdraw(uow, id(response));
    }

    /** Whether an Observation is a score derived by the server (clients may not change or delete it). */
    boolean isScore(UnitOfWork uow, String observationId) throws SQLException {
        return index.isScore(uow, observationId);
    }

    private Observation observation(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score,
                                    ReferralOfResponse referral, LocalDate authored) throws SQLException {
        // Placed among the referral's other scores of the instrument, by the one rule reports use too.
        String referralId = referral.referral().getIdElement().getIdPart();
        List<Assessment> assessments = new ArrayList<>(index.others(uow, referralId, scheme.instrument(), id(response)));
        assessments.add(new Assessment(id(response), authored));
        TimePoint timePoint = AssessmentSchedule.place(assessments, sessions.firstAttended(uow, referralId)).get(id(response));
        return ScoreObservationFactory.create(scheme, response, score, timePoint);
    }

    private String scoreOf(UnitOfWork uow, QuestionnaireResponse response) throws SQLException {
        return index.observationOf(uow, id(response)).orElseThrow(
                () -> new IllegalStateException("QuestionnaireResponse/" + id(response) + " has no score"));
    }

    private static String id(QuestionnaireResponse response) {
        return response.getIdElement().getIdPart();
    }
}
