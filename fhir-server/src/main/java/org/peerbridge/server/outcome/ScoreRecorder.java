package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Score;
import org.peerbridge.mapping.outcome.ScoreObservationFactory;
import org.peerbridge.mapping.outcome.ScoringScheme;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Stores the score Observation of a response in the response's own transaction, revises it in place
 * when the response is amended, so a chart never shows two scores for one response, and withdraws it
 * with the response; each time, the referral's other scores are re-placed ({@link ScorePlacement}).
 */
final class ScoreRecorder {

    private final ScoreIndex index;
    private final ScorePlacement placement;

    ScoreRecorder(ScoreIndex index, ScorePlacement placement) {
        this.index = index;
        this.placement = placement;
    }

    void record(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        TimePoint timePoint = placement.place(uow, referralId(referral), id(response), scheme.instrument().slug(), authored);
        Resource created = uow.create(ScoreObservationFactory.create(scheme, response, score, timePoint));
        index.add(uow, id(response), created.getIdElement().getIdPart(), referralId(referral), scheme.instrument(), authored, timePoint);
    }

    void revise(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        TimePoint timePoint = placement.place(uow, referralId(referral), id(response), scheme.instrument().slug(), authored);
        Observation recomputed = ScoreObservationFactory.create(scheme, response, score, timePoint);
        StoredVersion current = uow.lockCurrentRow("Observation", scoreOf(uow, response)).orElseThrow();
        uow.update(ScoreObservationFactory.revised((Observation) uow.decode(current), recomputed), current);
        index.moveTo(uow, id(response), authored);
        index.placeAt(uow, id(response), timePoint);
    }

    /**
     * The response was entered in error: so is its score, which no chart of current scores shows any more,
     * nor counts as a baseline.
     */
    void withdraw(UnitOfWork uow, QuestionnaireResponse response, String referralId) throws SQLException {
        StoredVersion current = uow.lockCurrentRow("Observation", scoreOf(uow, response)).orElseThrow();
        uow.update(ScoreObservationFactory.withdrawn((Observation) uow.decode(current)), current);
        index.withdraw(uow, id(response));
        placement.revise(uow, referralId);
    }

    /** Whether an Observation is a score derived by the server (clients may not change or delete it). */
    boolean isScore(UnitOfWork uow, String observationId) throws SQLException {
        return index.isScore(uow, observationId);
    }


    private String scoreOf(UnitOfWork uow, QuestionnaireResponse response) throws SQLException {
        return index.observationOf(uow, id(response)).orElseThrow(
                () -> new IllegalStateException("QuestionnaireResponse/" + id(response) + " has no score"));
    }

    private static String referralId(ReferralOfResponse referral) {
        return referral.referral().getIdElement().getIdPart();
    }

    private static String id(QuestionnaireResponse response) {
        return response.getIdElement().getIdPart();
    }
}
