package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.CATALOGUE;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;

import java.util.List;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.rules.RuleViolation;

class ResponseEvaluationTest {

    @Test
    void aValidResponseIsScoredAndGetsItsTotal() {
        ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE, response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 0, 1));

        assertTrue(evaluation.accepted());
        assertEquals(13, evaluation.score().orElseThrow().reportedTotal());
        QuestionnaireResponse toStore = evaluation.toStore().orElseThrow();
        assertEquals("44261-6", toStore.getItem().get(9).getLinkId());
        assertEquals(13, ((IntegerType) toStore.getItem().get(9).getAnswerFirstRep().getValue()).getValue());
        assertEquals(new SafetySignal("44260-8", 1), evaluation.safetySignal().orElseThrow());
    }

    @Test
    void anUnknownQuestionnaireIsNotFound() {
        QuestionnaireResponse response = response(Instrument.PHQ_2, 1, 1).setQuestionnaire("http://loinc.org/q/55757-9");

        ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE, response);

        RuleViolation v = evaluation.violations().get(0);
        assertEquals(IssueType.NOTFOUND, v.code());
        assertEquals("QuestionnaireResponse.questionnaire", v.expression());
        assertTrue(evaluation.scheme().isEmpty());
    }

    /** A refused response still yields its safety signal, so the caller can choose to alert anyway. */
    @Test
    void anInvalidResponseKeepsItsSafetySignal() {
        QuestionnaireResponse response = response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, 3)
                .setStatus(QuestionnaireResponseStatus.INPROGRESS);

        ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE, response);

        assertFalse(evaluation.accepted());
        assertEquals(List.of("QuestionnaireResponse.status"),
                evaluation.violations().stream().map(RuleViolation::expression).toList());
        assertTrue(evaluation.score().isEmpty() && evaluation.toStore().isEmpty());
        assertEquals(3, evaluation.safetySignal().orElseThrow().answerScore());
    }

    @Test
    void tooManyMissingItemsIsRefusedByTheScorer() {
        ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE,
                response(Instrument.GAD_7, SKIP, SKIP, 1, 1, 1, 1, 1));
        assertEquals(2, evaluation.violations().size());
        assertTrue(evaluation.violations().stream().allMatch(v -> v.code() == IssueType.REQUIRED));
    }

    @Test
    void aContradictingTotalIsRefused() {
        QuestionnaireResponse response = response(Instrument.UCLA_3, 1, 1, 1);
        response.addItem().setLinkId("ucla-3-total").addAnswer().setValue(new IntegerType(4));

        ResponseEvaluation.Evaluation evaluation = ResponseEvaluation.evaluate(CATALOGUE, response);

        assertEquals(List.of("QuestionnaireResponse.item[3].answer[0].value"),
                evaluation.violations().stream().map(RuleViolation::expression).toList());
    }

    @Test
    void aMissingReferralLinkIsReported() {
        QuestionnaireResponse response = response(Instrument.WHO_5, 1, 1, 1, 1, 1);
        response.getBasedOn().clear();
        assertEquals(List.of("QuestionnaireResponse.basedOn"),
                ResponseEvaluation.evaluate(CATALOGUE, response).violations().stream().map(RuleViolation::expression).toList());
    }
}
