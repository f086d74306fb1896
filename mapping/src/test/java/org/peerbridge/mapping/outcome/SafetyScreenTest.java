package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.scheme;

import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerbridge.mapping.rules.RuleViolation;

class SafetyScreenTest {

    private static final ScoringScheme PHQ9 = scheme(Instrument.PHQ_9);

    @Test
    void item9NotAtAllRaisesNothing() {
        assertTrue(signal(response(Instrument.PHQ_9, 3, 3, 3, 3, 3, 3, 3, 3, 0)).isEmpty(),
                "a high total alone is not a safety signal");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void item9AboveZeroRaisesASignalWithTheAnswerScore(int item9) {
        SafetySignal signal = signal(response(Instrument.PHQ_9, 0, 0, 0, 0, 0, 0, 0, 0, item9)).orElseThrow();
        assertEquals(new SafetySignal("44260-8", item9), signal);
    }

    @Test
    void item9MissingRaisesNothing() {
        assertTrue(signal(response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, SKIP)).isEmpty());
    }

    @Test
    void otherInstrumentsRaiseNothing() {
        assertTrue(SafetyScreen.selfHarmSignal(scheme(Instrument.PHQ_2), response(Instrument.PHQ_2, 3, 3)).isEmpty());
    }

    /** An invalid response (a second answer to item 9) must not hide a signal: the highest answer counts. */
    @Test
    void everyAnswerToItem9IsLookedAt() {
        QuestionnaireResponse response = response(Instrument.PHQ_9, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        response.getItem().get(8).addAnswer().setValue(new Coding("http://loinc.org", "LA6570-1", "More than half the days"));
        assertEquals(2, signal(response).orElseThrow().answerScore());
    }

    @Test
    void item9NestedInAGroupIsFound() {
        QuestionnaireResponse flat = response(Instrument.PHQ_9, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        QuestionnaireResponse nested = OutcomeFixtures.envelope(Instrument.PHQ_9);
        nested.addItem().setLinkId("page-1").getItem().addAll(flat.getItem());
        assertEquals(1, signal(nested).orElseThrow().answerScore());
    }

    @Test
    void anAnswerOutsideTheOptionsRaisesNothing() {
        QuestionnaireResponse response = response(Instrument.PHQ_9, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        response.getItem().get(8).getAnswerFirstRep().setValue(new Coding("http://example.org", "LA6571-9", null));
        assertTrue(signal(response).isEmpty());
    }

    /** The sender of a refused response with a signal is told plainly that nothing was stored or alerted. */
    @Test
    void aRefusedSignalIsAWarningAtItem9() {
        RuleViolation warning = SafetyScreen.notStoredWarning(new SafetySignal("44260-8", 2));
        assertTrue(warning.isWarning());
        assertEquals("QuestionnaireResponse.item.where(linkId = '44260-8')", warning.expression());
        assertTrue(warning.message().contains("NOT stored") && warning.message().contains("NO alert"), warning.message());
    }

    private static Optional<SafetySignal> signal(QuestionnaireResponse response) {
        return SafetyScreen.selfHarmSignal(PHQ9, response);
    }
}
