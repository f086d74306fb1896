package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.scheme;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScoreObservationFactoryTest {

    @Test
    void phq9ScoreObservation() {
        QuestionnaireResponse response = response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 0, 0);
        response.setEncounter(new Reference("Encounter/e1"));
        response.setAuthor(new Reference("PractitionerRole/peer-1"));
        response.addBasedOn(new Reference("CarePlan/cp1"));

        Observation observation = observation(Instrument.PHQ_9, response, TimePoint.DAY_30);

        assertEquals(ObservationStatus.FINAL, observation.getStatus());
        Coding category = observation.getCategoryFirstRep().getCodingFirstRep();
        assertEquals("http://terminology.hl7.org/CodeSystem/observation-category|survey", category.getSystem() + "|" + category.getCode());
        Coding code = observation.getCode().getCodingFirstRep();
        assertEquals("http://loinc.org|44261-6", code.getSystem() + "|" + code.getCode());
        Quantity value = observation.getValueQuantity();
        assertEquals(12, value.getValue().intValueExact());
        assertEquals("{score}", value.getUnit());
        assertEquals("http://unitsofmeasure.org", value.getSystem());
        assertEquals("{score}", value.getCode());
        Coding band = observation.getInterpretationFirstRep().getCodingFirstRep();
        assertEquals("http://peerbridge.org/fhir/CodeSystem/score-band|phq9-moderate", band.getSystem() + "|" + band.getCode());
        assertEquals("Patient/p1", observation.getSubject().getReference());
        assertEquals("Encounter/e1", observation.getEncounter().getReference());
        assertEquals("2025-03-10T10:15:00+01:00", observation.getEffectiveDateTimeType().getValueAsString());
        assertEquals(List.of("ServiceRequest/sr1"), observation.getBasedOn().stream().map(Reference::getReference).toList(),
                "only the referral, not other basedOn references");
        assertEquals("QuestionnaireResponse/qr-1", observation.getDerivedFromFirstRep().getReference());
        assertEquals(java.util.Optional.of(TimePoint.DAY_30), AssessmentSchedule.of(observation));
        assertEquals("PractitionerRole/peer-1", observation.getPerformerFirstRep().getReference());
        assertFalse(observation.hasNote());
    }

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void everyScoreObservationIsValidBaseR4(Instrument instrument) {
        QuestionnaireResponse response = OutcomeFixtures.responseWithTotal(instrument, instrument.rawMax());
        Observation observation = observation(instrument, response, TimePoint.BASELINE);

        List<SingleValidationMessage> errors = BaseR4Validator.errors(observation);
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void who5ValueIsTheIndex() {
        Observation observation = observation(Instrument.WHO_5, response(Instrument.WHO_5, 1, 1, 1, 2, 2), TimePoint.BASELINE);
        assertEquals(28, observation.getValueQuantity().getValue().intValueExact());
        assertEquals("http://snomed.info/sct|1144665009",
                observation.getCode().getCodingFirstRep().getSystem() + "|" + observation.getCode().getCodingFirstRep().getCode());
        assertEquals("who5-possible-depression", observation.getInterpretationFirstRep().getCodingFirstRep().getCode());
    }

    /** UCLA-3 has no LOINC total code: the score carries the Questionnaire's code, the LOINC panel. */
    @Test
    void ucla3UsesTheQuestionnaireCode() {
        Observation observation = observation(Instrument.UCLA_3, response(Instrument.UCLA_3, 2, 2, 2), TimePoint.BASELINE);
        assertEquals("106418-7", observation.getCode().getCodingFirstRep().getCode());
        assertEquals("UCLA-3 total score", observation.getCode().getText());
        assertEquals("ucla3-lonely", observation.getInterpretationFirstRep().getCodingFirstRep().getCode());
    }

    @Test
    void phq2PositiveScreenIsTheInterpretation() {
        Observation observation = observation(Instrument.PHQ_2, response(Instrument.PHQ_2, 1, 2), TimePoint.BASELINE);
        assertEquals("55758-7", observation.getCode().getCodingFirstRep().getCode());
        assertEquals("phq2-positive", observation.getInterpretationFirstRep().getCodingFirstRep().getCode());
        assertEquals("Positive depression screen", observation.getInterpretationFirstRep().getText());
    }

    @Test
    void aProratedScoreSaysSoInANote() {
        Observation observation = observation(Instrument.GAD_7, response(Instrument.GAD_7, 2, 2, 2, 2, 2, SKIP, 0), TimePoint.BASELINE);
        assertEquals(12, observation.getValueQuantity().getValue().intValueExact());
        assertTrue(observation.getNoteFirstRep().getText().startsWith("Prorated: 6 of 7 items answered"),
                observation.getNoteFirstRep().getText());
    }

    @Test
    void aDeviceAuthorIsNotAPerformer() {
        QuestionnaireResponse response = response(Instrument.PHQ_2, 1, 1);
        response.setAuthor(new Reference("Device/kiosk-1"));
        assertFalse(observation(Instrument.PHQ_2, response, TimePoint.BASELINE).hasPerformer());
    }

    @Test
    void theResponseNeedsAnIdAndAnAuthoredDate() {
        QuestionnaireResponse noId = response(Instrument.PHQ_2, 1, 1);
        noId.setId((String) null);
        assertThrows(IllegalArgumentException.class, () -> observation(Instrument.PHQ_2, noId, TimePoint.BASELINE));
        QuestionnaireResponse noDate = response(Instrument.PHQ_2, 1, 1);
        noDate.setAuthored(null);
        assertThrows(IllegalArgumentException.class, () -> observation(Instrument.PHQ_2, noDate, TimePoint.BASELINE));
    }

    @Test
    void anAmendedResponseRevisesTheSameObservation() {
        Observation current = observation(Instrument.PHQ_9, response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 0, 0), TimePoint.BASELINE);
        current.setId("Observation/obs-7/_history/1");
        QuestionnaireResponse amended = response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 1, 0);
        amended.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        Observation recomputed = observation(Instrument.PHQ_9, amended, TimePoint.BASELINE);

        Observation revised = ScoreObservationFactory.revised(current, recomputed);

        assertEquals("Observation/obs-7", revised.getIdElement().getValue());
        assertEquals(ObservationStatus.AMENDED, revised.getStatus());
        assertEquals(13, revised.getValueQuantity().getValue().intValueExact());
        assertEquals(ObservationStatus.FINAL, recomputed.getStatus(), "the argument is not modified");
    }

    @Test
    void aResponseEnteredInErrorWithdrawsItsObservation() {
        Observation current = observation(Instrument.PHQ_2, response(Instrument.PHQ_2, 1, 1), TimePoint.BASELINE);
        Observation withdrawn = ScoreObservationFactory.withdrawn(current);
        assertEquals(ObservationStatus.ENTEREDINERROR, withdrawn.getStatus());
        assertEquals(ObservationStatus.FINAL, current.getStatus());
    }

    private static Observation observation(Instrument instrument, QuestionnaireResponse response, TimePoint timePoint) {
        ScoringScheme scheme = scheme(instrument);
        Score score = Scorer.score(scheme, response).score().orElseThrow();
        return ScoreObservationFactory.create(scheme, response, score, timePoint);
    }
}
