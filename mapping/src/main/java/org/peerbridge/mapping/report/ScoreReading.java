package org.peerbridge.mapping.report;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.outcome.AssessmentSchedule;
import org.peerbridge.mapping.outcome.Instrument;
import org.peerbridge.mapping.outcome.ScoreBand;
import org.peerbridge.mapping.outcome.TimePoint;

/**
 * One score Observation as the report reads it: its reference, instrument, day, reported total, band, and
 * the time point the report places it at.
 */
public record ScoreReading(String reference, Instrument instrument, LocalDate day, String authored, int value, ScoreBand band,
                           TimePoint timePoint) {

    /** A score Observation the server stored (band in interpretation, total in valueQuantity); empty for anything else. */
    public static Optional<ScoreReading> of(Observation score) {
        Optional<ScoreBand> band = score.getInterpretation().stream().flatMap(c -> c.getCoding().stream())
                .filter(c -> CodeSystems.SCORE_BAND.equals(c.getSystem())).map(Coding::getCode).findFirst()
                .flatMap(code -> Arrays.stream(ScoreBand.values()).filter(b -> b.code().equals(code)).findFirst());
        if (band.isEmpty() || !score.hasValueQuantity() || !score.hasEffectiveDateTimeType()) {
            return Optional.empty();
        }
        Instrument instrument = Arrays.stream(Instrument.values()).filter(i -> i.bands().contains(band.get())).findFirst().orElseThrow();
        return Optional.of(new ScoreReading("Observation/" + score.getIdElement().getIdPart(), instrument,
                AssessmentSchedule.dateAsWritten(score.getEffectiveDateTimeType()), score.getEffectiveDateTimeType().getValueAsString(),
                score.getValueQuantity().getValue().intValue(), band.get(), TimePoint.UNSCHEDULED));
    }

    ScoreReading at(TimePoint placed) {
        return new ScoreReading(reference, instrument, day, authored, value, band, placed);
    }
}
