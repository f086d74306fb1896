package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Observation;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.AssessmentSchedule.Assessment;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.outcome.ScoreIndex.IndexedScore;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteContext;

/**
 * Keeps the time point every stored score Observation states equal to what the one rule
 * ({@link AssessmentSchedule#place}) says about the referral as it is now. A score is placed among its
 * referral's other current scores of the instrument and the first attended session, so storing,
 * amending or withdrawing a response, or recording the session that becomes the first attended one,
 * can move the baseline: every score whose time point changes gets a new Observation version stating
 * the new one, in the same transaction.
 *
 * <p>Placing first locks the referral's fulfilment Task row, so that a response and a session of one
 * referral written at the same time are placed one after the other, the second seeing the first. Session
 * and safety-alert writes lock that row too, always before any score, so the order is the same everywhere.
 */
public final class ScorePlacement {

    private final ScoreIndex index;
    private final AttendedSessions sessions;
    private final ReferralTables referrals;

    public ScorePlacement(ScoreIndex index, AttendedSessions sessions, ReferralTables referrals) {
        this.index = index;
        this.sessions = sessions;
        this.referrals = referrals;
    }

    /**
     * The time point of a response's score about to be stored or revised with this authored day; the
     * referral's other current scores are re-placed around it.
     */
    TimePoint place(WriteContext write, String referralId, String responseId, String instrument, LocalDate authored)
            throws SQLException {
        UnitOfWork uow = write.uow();
        referrals.lockFulfilmentTask(uow, referralId);
        List<IndexedScore> scores = new ArrayList<>();
        boolean known = false;
        for (IndexedScore score : index.current(uow, referralId)) {
            boolean isThis = score.responseId().equals(responseId);
            known |= isThis;
            scores.add(isThis ? new IndexedScore(responseId, score.observationId(), instrument, authored, Optional.empty()) : score);
        }
        if (!known) {
            scores.add(new IndexedScore(responseId, null, instrument, authored, Optional.empty())); // recorded last
        }
        Map<String, TimePoint> placed = placeAll(scores, sessions.firstAttended(uow, referralId));
        rewrite(write, scores.stream().filter(score -> !score.responseId().equals(responseId)).toList(), placed);
        return placed.get(responseId);
    }

    /** Re-places every current score of the referral: after a withdrawal, or when its first attended session may have changed. */
    void revise(WriteContext write, String referralId) throws SQLException {
        UnitOfWork uow = write.uow();
        referrals.lockFulfilmentTask(uow, referralId);
        List<IndexedScore> scores = index.current(uow, referralId);
        if (!scores.isEmpty()) {
            rewrite(write, scores, placeAll(scores, sessions.firstAttended(uow, referralId)));
        }
    }

    /** Each score's time point by response id, every instrument placed on its own. */
    private static Map<String, TimePoint> placeAll(List<IndexedScore> scores, Optional<LocalDate> firstAttended) {
        Map<String, List<Assessment>> byInstrument = scores.stream().collect(Collectors.groupingBy(IndexedScore::instrument,
                Collectors.mapping(score -> new Assessment(score.responseId(), score.authored()), Collectors.toList())));
        Map<String, TimePoint> placed = new HashMap<>();
        byInstrument.values().forEach(assessments -> placed.putAll(AssessmentSchedule.place(assessments, firstAttended)));
        return placed;
    }

    private void rewrite(WriteContext write, List<IndexedScore> scores, Map<String, TimePoint> placed) throws SQLException {
        for (IndexedScore score : scores) {
            TimePoint now = placed.get(score.responseId());
            if (score.timePoint().equals(Optional.of(now))) {
                continue;
            }
            write.server().update(Observation.class, score.observationId(), observation -> {
                if (AssessmentSchedule.of(observation).equals(Optional.of(now))) {
                    return Optional.empty();
                }
                AssessmentSchedule.restamp(observation, now);
                return Optional.of(observation);
            });
            index.placeAt(write.uow(), score.responseId(), now);
        }
    }
}
