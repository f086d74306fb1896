package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.scheme;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.rules.RuleViolation;

class TotalItemTest {

    private static final ScoringScheme PHQ9 = scheme(Instrument.PHQ_9);

    @Test
    void aSuppliedTotalThatContradictsTheAnswersIsAViolationAtItsValue() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new IntegerType(11));

        RuleViolation violation = TotalItem.contradiction(PHQ9, response, score(response)).orElseThrow();

        assertEquals("QuestionnaireResponse.item[9].answer[0].value", violation.expression());
        assertEquals(IssueType.BUSINESSRULE, violation.code());
        assertEquals(RuleViolation.Kind.INVALID, violation.kind());
        assertTrue(violation.message().contains("(11)") && violation.message().contains("score 12"), violation.message());
    }

    @Test
    void theRightTotalIsAccepted() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new IntegerType(12));
        assertTrue(TotalItem.contradiction(PHQ9, response, score(response)).isEmpty());
    }

    @Test
    void aTotalThatIsNotANumberContradicts() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new StringType("twelve"));
        assertTrue(TotalItem.contradiction(PHQ9, response, score(response)).isPresent());
    }

    @Test
    void noTotalIsNoContradiction() {
        QuestionnaireResponse response = phq9Scoring12();
        assertTrue(TotalItem.contradiction(PHQ9, response, score(response)).isEmpty());
    }

    @Test
    void aProratedTotalIsComparedWithTheProratedScore() {
        // 13 over 8 items prorates to 15.
        QuestionnaireResponse response = response(Instrument.PHQ_9, 3, 3, SKIP, 2, 2, 1, 1, 1, 0);
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new IntegerType(13));

        RuleViolation violation = TotalItem.contradiction(PHQ9, response, score(response)).orElseThrow();
        assertTrue(violation.message().contains("score 15 (prorated)"), violation.message());
    }

    @Test
    void who5TotalIsTheIndexNotTheRawSum() {
        ScoringScheme who5 = scheme(Instrument.WHO_5);
        QuestionnaireResponse response = response(Instrument.WHO_5, 3, 3, 3, 3, 3);
        response.addItem().setLinkId("who-5-total").addAnswer().setValue(new IntegerType(15));
        Score score = Scorer.score(who5, response).score().orElseThrow();

        assertTrue(TotalItem.contradiction(who5, response, score).isPresent(), "15 is the raw sum; the total is 60");
        response.getItem().get(5).getAnswerFirstRep().setValue(new IntegerType(60));
        assertTrue(TotalItem.contradiction(who5, response, score).isEmpty());
    }

    @Test
    void aMissingTotalIsFilledInAfterTheScoredItems() {
        QuestionnaireResponse response = phq9Scoring12();

        QuestionnaireResponse completed = TotalItem.withTotal(PHQ9, response, score(response));

        assertNotSame(response, completed);
        assertEquals(9, response.getItem().size(), "the argument is not modified");
        QuestionnaireResponseItemComponent total = completed.getItem().get(9);
        assertEquals("44261-6", total.getLinkId());
        assertEquals("PHQ-9 total score", total.getText());
        assertEquals(12, ((IntegerType) total.getAnswerFirstRep().getValue()).getValue());
    }

    @Test
    void theTotalGoesBeforeItemsThatFollowItInTheQuestionnaire() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("69722-7").addAnswer().setValue(new Coding("http://loinc.org", "LA6573-5", "Somewhat difficult"));

        QuestionnaireResponse completed = TotalItem.withTotal(PHQ9, response, score(response));

        List<String> order = completed.getItem().stream().map(QuestionnaireResponseItemComponent::getLinkId).toList();
        assertEquals(List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
                "44260-8", "44261-6", "69722-7"), order);
    }

    @Test
    void aTotalItemWithoutAnAnswerGetsOne() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("44261-6");

        QuestionnaireResponse completed = TotalItem.withTotal(PHQ9, response, score(response));

        assertEquals(10, completed.getItem().size());
        assertEquals(12, ((IntegerType) completed.getItem().get(9).getAnswerFirstRep().getValue()).getValue());
    }

    @Test
    void aSuppliedTotalIsLeftAlone() {
        QuestionnaireResponse response = phq9Scoring12();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new IntegerType(12));

        QuestionnaireResponse completed = TotalItem.withTotal(PHQ9, response, score(response));

        assertTrue(completed.equalsDeep(response));
    }

    private static QuestionnaireResponse phq9Scoring12() {
        return response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 0, 0);
    }

    private static Score score(QuestionnaireResponse response) {
        return Scorer.score(PHQ9, response).score().orElseThrow();
    }
}
