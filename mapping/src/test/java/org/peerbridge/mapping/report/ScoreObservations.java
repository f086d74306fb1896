package org.peerbridge.mapping.report;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.peerbridge.mapping.outcome.ScoreBand;

/** Score Observations as the server stores them, as far as reports read them: band, total, effective time. */
public final class ScoreObservations {

    private ScoreObservations() {
    }

    public static Observation score(String id, String when, int value, ScoreBand band) {
        Observation score = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        score.setId(id);
        score.setCode(new CodeableConcept().setText("score"));
        score.setEffective(new DateTimeType(when));
        score.setValue(new Quantity(value));
        score.addInterpretation(band.toCodeableConcept());
        return score;
    }
}
