package org.peerbridge.server.outcome;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Score;
import org.peerbridge.mapping.outcome.ScoreObservationFactory;
import org.peerbridge.mapping.outcome.ScoringScheme;
import org.peerbridge.mapping.outcome.TimePoint;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Stores the score Observation of a response in the response's own transaction, and revises it in
 * place when the response is amended, so a chart never shows two scores for one response.
 */
final class ScoreRecorder {

    private final StoredSearch search;

    ScoreRecorder(StoredSearch search) {
        this.search = search;
    }

    void record(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ServiceRequest referral)
            throws SQLException {
        uow.create(observation(uow, response, scheme, score, referral));
    }

    void revise(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score, ServiceRequest referral)
            throws SQLException {
        Observation recomputed = observation(uow, response, scheme, score, referral);
        boolean revised = false;
        for (Resource found : search.find(uow, "Observation", "derived-from=" + responseReference(response) + "&status=final,amended")) {
            StoredVersion current = uow.lockCurrentRow("Observation", found.getIdElement().getIdPart()).orElseThrow();
            uow.update(ScoreObservationFactory.revised((Observation) uow.decode(current), recomputed), current);
            revised = true;
        }
        if (!revised) {
            uow.create(recomputed);
        }
    }

    private Observation observation(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme, Score score,
                                    ServiceRequest referral) throws SQLException {
        TimePoint timePoint = AssessmentSchedule.classify(AssessmentSchedule.authoredDate(response),
                firstOtherScore(uow, response, scheme, referral));
        return ScoreObservationFactory.create(scheme, response, score, timePoint);
    }

    /** When this referral's earliest other score of the same instrument was taken: the baseline, unless this one is earlier. */
    private Optional<LocalDate> firstOtherScore(UnitOfWork uow, QuestionnaireResponse response, ScoringScheme scheme,
                                                ServiceRequest referral) throws SQLException {
        Coding code = scheme.scoreCode().getCodingFirstRep();
        String query = "based-on=" + ReferralOfResponse.reference(referral) + "&code=" + code.getSystem() + "|" + code.getCode()
                + "&status=final,amended&_sort=date&_count=2";
        String self = responseReference(response);
        for (Resource found : search.find(uow, "Observation", query)) {
            Observation other = (Observation) found;
            if (other.getDerivedFrom().stream().noneMatch(ref -> self.equals(ref.getReference()))) {
                return Optional.of(LocalDate.parse(other.getEffectiveDateTimeType().getValueAsString().substring(0, 10)));
            }
        }
        return Optional.empty();
    }

    private static String responseReference(QuestionnaireResponse response) {
        return "QuestionnaireResponse/" + response.getIdElement().getIdPart();
    }
}
