package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Score;
import org.peerbridge.mapping.outcome.ScoreObservationFactory;
import org.peerbridge.mapping.outcome.ScoringScheme;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteContext;

/**
 * Stores the score Observation of a response in the response's own transaction, revises it in place
 * when the response is amended, so a chart never shows two scores for one response, and withdraws it
 * with the response; each time, the referral's other scores are re-placed ({@link ScorePlacement}).
 */
public final class ScoreRecorder {

    private final ScoreIndex index;
    private final ScorePlacement placement;

    public ScoreRecorder(ScoreIndex index, ScorePlacement placement) {
        this.index = index;
        this.placement = placement;
    }

    void record(WriteContext write, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        TimePoint timePoint = placement.place(write, referralId(referral), id(response), scheme.instrument().slug(), authored);
        Observation created = write.server().create(ScoreObservationFactory.create(scheme, response, score, timePoint));
        index.add(write.uow(), id(response), created.getIdElement().getIdPart(), referralId(referral), scheme.instrument(), authored,
                timePoint);
    }

    void revise(WriteContext write, QuestionnaireResponse response, ScoringScheme scheme, Score score, ReferralOfResponse referral)
            throws SQLException {
        LocalDate authored = AssessmentSchedule.authoredDate(response);
        TimePoint timePoint = placement.place(write, referralId(referral), id(response), scheme.instrument().slug(), authored);
        Observation recomputed = ScoreObservationFactory.create(scheme, response, score, timePoint);
        write.server().update(Observation.class, scoreOf(write.uow(), response),
                stored -> Optional.of(ScoreObservationFactory.revised(stored, recomputed)));
        index.moveTo(write.uow(), id(response), authored);
        index.placeAt(write.uow(), id(response), timePoint);
    }

    /**
     * The response was entered in error: so is its score, which no chart of current scores shows any more,
     * nor counts as a baseline.
     */
    void withdraw(WriteContext write, QuestionnaireResponse response, String referralId) throws SQLException {
        write.server().update(Observation.class, scoreOf(write.uow(), response),
                stored -> Optional.of(ScoreObservationFactory.withdrawn(stored)));
        index.withdraw(write.uow(), id(response));
        placement.revise(write, referralId);
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
