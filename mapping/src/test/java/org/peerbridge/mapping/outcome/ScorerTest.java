package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.responseWithTotal;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.scheme;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerbridge.mapping.rules.RuleViolation;

class ScorerTest {

    /** Each side of every band boundary, and both ends of every range. */
    static Stream<Arguments> bandBoundaries() {
        return Stream.of(
                Arguments.of(Instrument.PHQ_9, 0, ScoreBand.PHQ9_MINIMAL),
                Arguments.of(Instrument.PHQ_9, 4, ScoreBand.PHQ9_MINIMAL),
                Arguments.of(Instrument.PHQ_9, 5, ScoreBand.PHQ9_MILD),
                Arguments.of(Instrument.PHQ_9, 9, ScoreBand.PHQ9_MILD),
                Arguments.of(Instrument.PHQ_9, 10, ScoreBand.PHQ9_MODERATE),
                Arguments.of(Instrument.PHQ_9, 14, ScoreBand.PHQ9_MODERATE),
                Arguments.of(Instrument.PHQ_9, 15, ScoreBand.PHQ9_MODERATELY_SEVERE),
                Arguments.of(Instrument.PHQ_9, 19, ScoreBand.PHQ9_MODERATELY_SEVERE),
                Arguments.of(Instrument.PHQ_9, 20, ScoreBand.PHQ9_SEVERE),
                Arguments.of(Instrument.PHQ_9, 27, ScoreBand.PHQ9_SEVERE),
                Arguments.of(Instrument.PHQ_2, 0, ScoreBand.PHQ2_NEGATIVE),
                Arguments.of(Instrument.PHQ_2, 2, ScoreBand.PHQ2_NEGATIVE),
                Arguments.of(Instrument.PHQ_2, 3, ScoreBand.PHQ2_POSITIVE),
                Arguments.of(Instrument.PHQ_2, 6, ScoreBand.PHQ2_POSITIVE),
                Arguments.of(Instrument.GAD_7, 0, ScoreBand.GAD7_MINIMAL),
                Arguments.of(Instrument.GAD_7, 4, ScoreBand.GAD7_MINIMAL),
                Arguments.of(Instrument.GAD_7, 5, ScoreBand.GAD7_MILD),
                Arguments.of(Instrument.GAD_7, 9, ScoreBand.GAD7_MILD),
                Arguments.of(Instrument.GAD_7, 10, ScoreBand.GAD7_MODERATE),
                Arguments.of(Instrument.GAD_7, 14, ScoreBand.GAD7_MODERATE),
                Arguments.of(Instrument.GAD_7, 15, ScoreBand.GAD7_SEVERE),
                Arguments.of(Instrument.GAD_7, 21, ScoreBand.GAD7_SEVERE),
                Arguments.of(Instrument.UCLA_3, 3, ScoreBand.UCLA3_NOT_LONELY),
                Arguments.of(Instrument.UCLA_3, 5, ScoreBand.UCLA3_NOT_LONELY),
                Arguments.of(Instrument.UCLA_3, 6, ScoreBand.UCLA3_LONELY),
                Arguments.of(Instrument.UCLA_3, 9, ScoreBand.UCLA3_LONELY),
                Arguments.of(Instrument.WHO_5, 0, ScoreBand.WHO5_POSSIBLE_DEPRESSION),
                Arguments.of(Instrument.WHO_5, 7, ScoreBand.WHO5_POSSIBLE_DEPRESSION),
                Arguments.of(Instrument.WHO_5, 8, ScoreBand.WHO5_POOR_WELL_BEING),
                Arguments.of(Instrument.WHO_5, 12, ScoreBand.WHO5_POOR_WELL_BEING),
                Arguments.of(Instrument.WHO_5, 13, ScoreBand.WHO5_NOT_POOR),
                Arguments.of(Instrument.WHO_5, 25, ScoreBand.WHO5_NOT_POOR));
    }

    @ParameterizedTest(name = "{0} raw {1} is {2}")
    @MethodSource("bandBoundaries")
    void bandBoundary(Instrument instrument, int raw, ScoreBand band) {
        Score score = scored(instrument, responseWithTotal(instrument, raw));

        assertEquals(raw, score.rawTotal());
        assertEquals(band, score.band());
        assertFalse(score.prorated());
        assertEquals(instrument.scoredItemCount(), score.answeredItems());
    }

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void bandsCoverTheRangeWithoutGapsOrOverlaps(Instrument instrument) {
        List<ScoreBand> bands = instrument.bands();
        assertEquals(instrument.rawMin(), bands.get(0).lowest());
        assertEquals(instrument.rawMax(), bands.get(bands.size() - 1).highest());
        for (int i = 1; i < bands.size(); i++) {
            assertEquals(bands.get(i - 1).highest() + 1, bands.get(i).lowest(), bands.get(i).code());
        }
    }

    @Test
    void who5IsReportedAsAnIndexFrom0To100() {
        assertEquals(0, scored(Instrument.WHO_5, responseWithTotal(Instrument.WHO_5, 0)).reportedTotal());
        // Raw 7 = index 28, the highest 'possible depression'; raw 12 = 48, raw 13 = 52.
        assertEquals(28, scored(Instrument.WHO_5, responseWithTotal(Instrument.WHO_5, 7)).reportedTotal());
        assertEquals(48, scored(Instrument.WHO_5, responseWithTotal(Instrument.WHO_5, 12)).reportedTotal());
        assertEquals(52, scored(Instrument.WHO_5, responseWithTotal(Instrument.WHO_5, 13)).reportedTotal());
        assertEquals(100, scored(Instrument.WHO_5, responseWithTotal(Instrument.WHO_5, 25)).reportedTotal());
    }

    @Test
    void otherInstrumentsReportTheRawTotal() {
        Score score = scored(Instrument.UCLA_3, response(Instrument.UCLA_3, 2, 3, 1));
        assertEquals(6, score.rawTotal());
        assertEquals(6, score.reportedTotal());
    }

    /**
     * US Core (STU 7/8) example QuestionnaireResponse "phq-9-example" (HL7/US-Core,
     * input/examples/QuestionnaireResponse-phq-9-example.json), reused by the HL7 US Behavioral Health
     * Profiles IG as phq-9-example-1: answers 2,2,2,2,1,1,2,0,0 and a stated total of 12.
     */
    @Test
    void usCorePhq9ExampleScores12Moderate() {
        Score score = scored(Instrument.PHQ_9, response(Instrument.PHQ_9, 2, 2, 2, 2, 1, 1, 2, 0, 0));
        assertEquals(12, score.reportedTotal());
        assertEquals(ScoreBand.PHQ9_MODERATE, score.band());
    }

    /**
     * HL7 Personal Health Record IG, QuestionnaireResponse "gad7" and Observation
     * ScoredAssessmentGAD7Example (HL7/personal-health-record-format-ig, input/fsh/pghd/examples/Mind/):
     * answers 0,0,1,1,0,1,0, total 3, "Minimal".
     */
    @Test
    void hl7PhrGad7ExampleScores3Minimal() {
        Score score = scored(Instrument.GAD_7, response(Instrument.GAD_7, 0, 0, 1, 1, 0, 1, 0));
        assertEquals(3, score.reportedTotal());
        assertEquals(ScoreBand.GAD7_MINIMAL, score.band());
    }

    // --- partial answers --------------------------------------------------------------------------

    @Test
    void phq9WithOneOfItems1To8MissingIsProrated() {
        // 13 over 8 items: 13 x 9 / 8 = 14.625, rounded to 15 (moderately severe, where 13 would be moderate).
        Score score = scored(Instrument.PHQ_9, response(Instrument.PHQ_9, 3, 3, SKIP, 2, 2, 1, 1, 1, 0));
        assertTrue(score.prorated());
        assertEquals(8, score.answeredItems());
        assertEquals(9, score.scoredItems());
        assertEquals(15, score.rawTotal());
        assertEquals(ScoreBand.PHQ9_MODERATELY_SEVERE, score.band());
    }

    @Test
    void prorationRoundsHalfUp() {
        // 4 x 9 / 8 = 4.5, which rounds to 5: mild, not minimal.
        Score score = scored(Instrument.PHQ_9, response(Instrument.PHQ_9, SKIP, 1, 1, 1, 1, 0, 0, 0, 0));
        assertEquals(5, score.rawTotal());
        assertEquals(ScoreBand.PHQ9_MILD, score.band());
        assertEquals(5, Scorer.prorate(4, 9, 8));
        assertEquals(4, Scorer.prorate(3, 7, 6), "3 x 7 / 6 = 3.5 rounds up to 4");
        assertEquals(2, Scorer.prorate(2, 9, 8), "2 x 9 / 8 = 2.25 rounds down");
    }

    @Test
    void gad7WithOneItemMissingIsProrated() {
        // 10 x 7 / 6 = 11.67, rounded to 12.
        Score score = scored(Instrument.GAD_7, response(Instrument.GAD_7, 2, 2, 2, 2, 2, SKIP, 0));
        assertTrue(score.prorated());
        assertEquals(12, score.rawTotal());
        assertEquals(ScoreBand.GAD7_MODERATE, score.band());
    }

    @Test
    void phq9WithTwoItemsMissingIsRefusedAtEachMissingItem() {
        ScoringResult result = Scorer.score(scheme(Instrument.PHQ_9), response(Instrument.PHQ_9, SKIP, 1, 1, SKIP, 1, 1, 1, 1, 0));

        assertFalse(result.isScored());
        assertEquals(List.of("QuestionnaireResponse.item.where(linkId = '44250-9')",
                        "QuestionnaireResponse.item.where(linkId = '44254-1')"),
                result.refusals().stream().map(RuleViolation::expression).toList());
        assertTrue(result.refusals().stream().allMatch(v -> v.code() == IssueType.REQUIRED
                && v.kind() == RuleViolation.Kind.INVALID));
        assertTrue(result.refusals().get(0).message().contains("at most 1 unanswered"), result.refusals().get(0).message());
    }

    @Test
    void gad7WithTwoItemsMissingIsRefused() {
        ScoringResult result = Scorer.score(scheme(Instrument.GAD_7), response(Instrument.GAD_7, 1, SKIP, 1, 1, 1, 1, SKIP));
        assertEquals(2, result.refusals().size());
    }

    @Test
    void phq9Item9IsNeverProrated() {
        ScoringResult result = Scorer.score(scheme(Instrument.PHQ_9), response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, SKIP));

        RuleViolation refusal = only(result.refusals());
        assertEquals("QuestionnaireResponse.item.where(linkId = '44260-8')", refusal.expression());
        assertTrue(refusal.message().contains("never prorated"), refusal.message());
    }

    @ParameterizedTest
    @EnumSource(value = Instrument.class, names = {"PHQ_2", "UCLA_3", "WHO_5"})
    void instrumentsWithoutProrationRefuseAnyMissingItem(Instrument instrument) {
        int[] scores = new int[instrument.scoredItemCount()];
        java.util.Arrays.fill(scores, 1);
        scores[1] = SKIP;
        ScoringResult result = Scorer.score(scheme(instrument), response(instrument, scores));

        RuleViolation refusal = only(result.refusals());
        String missing = scheme(instrument).scoredItems().get(1).linkId();
        assertEquals("QuestionnaireResponse.item.where(linkId = '" + missing + "')", refusal.expression());
    }

    @Test
    void anItemPresentWithoutAnAnswerIsLocatedAtTheItem() {
        QuestionnaireResponse response = response(Instrument.PHQ_2, 1, 1);
        response.getItem().get(1).getAnswer().clear();

        RuleViolation refusal = only(Scorer.score(scheme(Instrument.PHQ_2), response).refusals());
        assertEquals("QuestionnaireResponse.item[1]", refusal.expression());
    }

    @Test
    void anAnswerThatIsNotAnOptionIsRefusedAtItsValue() {
        QuestionnaireResponse response = response(Instrument.PHQ_2, 1, 1);
        response.getItem().get(0).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA6572-7", "Not difficult at all"));

        RuleViolation refusal = only(Scorer.score(scheme(Instrument.PHQ_2), response).refusals());
        assertEquals("QuestionnaireResponse.item[0].answer[0].value", refusal.expression());
        assertEquals(IssueType.CODEINVALID, refusal.code());
    }

    @Test
    void scoresComeFromTheQuestionnaireNotFromTheResponse() {
        QuestionnaireResponse response = response(Instrument.PHQ_2, 0, 0);
        // A client-supplied ordinal on the answer is ignored.
        response.getItem().get(0).getAnswerFirstRep().getValueCoding()
                .addExtension(AnswerScores.ORDINAL_VALUE, new org.hl7.fhir.r4.model.DecimalType(3));
        assertEquals(0, scored(Instrument.PHQ_2, response).rawTotal());
    }

    @Test
    void itemsAreFoundWhereverTheyAreNested() {
        QuestionnaireResponse flat = response(Instrument.PHQ_2, 2, 3);
        QuestionnaireResponse nested = OutcomeFixtures.envelope(Instrument.PHQ_2);
        nested.addItem().setLinkId("wrapper").getItem().addAll(flat.getItem());
        assertEquals(5, scored(Instrument.PHQ_2, nested).rawTotal());
    }

    private static Score scored(Instrument instrument, QuestionnaireResponse response) {
        ScoringResult result = Scorer.score(scheme(instrument), response);
        assertTrue(result.isScored(), () -> result.refusals().toString());
        return result.score().orElseThrow();
    }

    private static RuleViolation only(List<RuleViolation> violations) {
        assertEquals(1, violations.size(), violations::toString);
        return violations.get(0);
    }
}
