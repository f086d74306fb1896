package org.peerbridge.mapping.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.SKIP;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.questionnaire;
import static org.peerbridge.mapping.outcome.OutcomeFixtures.response;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerbridge.mapping.rules.RuleViolation;

class ResponseCheckerTest {

    private static final Questionnaire PHQ9 = questionnaire(Instrument.PHQ_9);

    @ParameterizedTest
    @EnumSource(Instrument.class)
    void aCompleteResponseHasNoProblems(Instrument instrument) {
        QuestionnaireResponse response = OutcomeFixtures.responseWithTotal(instrument, instrument.rawMin() + 1);
        assertEquals(List.of(), ResponseChecker.check(questionnaire(instrument), response));
        assertEquals(List.of(), ResponseChecker.checkReferralContext(response));
    }

    @Test
    void aResponseWithTheTotalAndTheDifficultyItemHasNoProblems() {
        QuestionnaireResponse response = phq9();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new IntegerType(9));
        response.addItem().setLinkId("69722-7").addAnswer().setValue(new Coding("http://loinc.org", "LA6573-5", "Somewhat difficult"));
        response.setStatus(QuestionnaireResponseStatus.AMENDED);
        response.setQuestionnaire(Instrument.PHQ_9.url() + "|1.0.0");
        assertEquals(List.of(), ResponseChecker.check(PHQ9, response));
    }

    @Test
    void optionalItemsMayBeLeftOut() {
        // Whether the score can be prorated is the Scorer's business, not the checker's.
        assertEquals(List.of(), ResponseChecker.check(PHQ9, response(Instrument.PHQ_9, SKIP, SKIP, 1, 1, 1, 1, 1, 1, 0)));
    }

    // --- linkIds --------------------------------------------------------------------------------------

    @Test
    void anUnknownLinkIdIsAStructureProblemAtTheLinkId() {
        QuestionnaireResponse response = phq9();
        response.addItem().setLinkId("44262-4").addAnswer().setValue(new IntegerType(3));

        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[9].linkId", v.expression());
        assertEquals(IssueType.STRUCTURE, v.code());
        assertEquals(RuleViolation.Kind.INVALID, v.kind());
        assertTrue(v.message().contains("no item '44262-4'"), v.message());
    }

    @Test
    void aLinkIdAtTheWrongPlaceInTheTreeIsAProblem() {
        QuestionnaireResponse response = phq9();
        QuestionnaireResponseItemComponent item9 = response.getItem().remove(8);
        response.getItem().get(0).getAnswerFirstRep().addItem(item9);

        List<RuleViolation> violations = ResponseChecker.check(PHQ9, response);

        assertEquals(List.of("QuestionnaireResponse.item[0].answer[0].item[0].linkId",
                "QuestionnaireResponse.item.where(linkId = '44260-8')"), expressions(violations));
        assertTrue(violations.get(0).message().contains("not at this place"), violations.get(0).message());
    }

    @Test
    void anItemWithoutLinkIdIsAProblem() {
        QuestionnaireResponse response = phq9();
        response.addItem().addAnswer().setValue(new StringType("?"));
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[9].linkId", v.expression());
        assertEquals(IssueType.REQUIRED, v.code());
    }

    // --- answer types and options -----------------------------------------------------------------

    @Test
    void aStringAnswerToAChoiceItemIsATypeProblemAtTheValue() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(3).getAnswerFirstRep().setValue(new StringType("Several days"));

        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[3].answer[0].value", v.expression());
        assertEquals(IssueType.STRUCTURE, v.code());
        assertTrue(v.message().contains("choice") && v.message().contains("Coding") && v.message().contains("string"),
                v.message());
    }

    @Test
    void aDecimalTotalIsATypeProblem() {
        QuestionnaireResponse response = phq9();
        response.addItem().setLinkId("44261-6").addAnswer().setValue(new DecimalType("9"));
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[9].answer[0].value", v.expression());
        assertTrue(v.message().contains("integer"), v.message());
    }

    @Test
    void aCodeThatIsNotAnOptionIsAnInvalidCode() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(2).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA6572-7", null));

        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[2].answer[0].value", v.expression());
        assertEquals(IssueType.CODEINVALID, v.code());
        assertTrue(v.message().contains("http://loinc.org|LA6572-7"), v.message());
    }

    @Test
    void theRightCodeInTheWrongSystemIsAnInvalidCode() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(2).getAnswerFirstRep().setValue(new Coding("http://snomed.info/sct", "LA6569-3", null));
        assertEquals(List.of("QuestionnaireResponse.item[2].answer[0].value"), expressions(ResponseChecker.check(PHQ9, response)));
    }

    @Test
    void aCodeWithoutSystemIsAnInvalidCode() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(2).getAnswerFirstRep().setValue(new Coding(null, "LA6569-3", null));
        assertEquals(IssueType.CODEINVALID, only(ResponseChecker.check(PHQ9, response)).code());
    }

    @Test
    void theDisplayOfACodedAnswerIsNotChecked() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(2).getAnswerFirstRep().getValueCoding().setDisplay("whatever");
        assertEquals(List.of(), ResponseChecker.check(PHQ9, response));
    }

    // --- required, repeats ------------------------------------------------------------------------

    @Test
    void aMissingRequiredItemIsRequiredAtWhereItWouldBe() {
        RuleViolation v = only(ResponseChecker.check(PHQ9, response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, SKIP)));
        assertEquals("QuestionnaireResponse.item.where(linkId = '44260-8')", v.expression());
        assertEquals(IssueType.REQUIRED, v.code());
    }

    @Test
    void aRequiredItemWithoutAnswerIsRequiredAtTheItem() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(8).getAnswer().clear();
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[8]", v.expression());
        assertEquals(IssueType.REQUIRED, v.code());
    }

    @Test
    void aSecondAnswerToANonRepeatingItemIsAProblemAtTheSecondAnswer() {
        QuestionnaireResponse response = phq9();
        response.getItem().get(0).addAnswer().setValue(new Coding("http://loinc.org", "LA6571-9", null));

        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[0].answer[1]", v.expression());
        assertEquals(IssueType.STRUCTURE, v.code());
    }

    @Test
    void aNonRepeatingItemGivenTwiceIsAProblemAtTheSecondOne() {
        QuestionnaireResponse response = phq9();
        response.addItem(response.getItem().get(4).copy());

        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.item[9]", v.expression());
        assertTrue(v.message().contains("QuestionnaireResponse.item[4]"), v.message());
    }

    // --- envelope ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = QuestionnaireResponseStatus.class, names = {"INPROGRESS", "STOPPED", "ENTEREDINERROR"})
    void onlyCompletedOrAmendedResponsesAreAccepted(QuestionnaireResponseStatus status) {
        QuestionnaireResponse response = phq9().setStatus(status);
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.status", v.expression());
        assertEquals(IssueType.BUSINESSRULE, v.code());
    }

    @Test
    void aResponseToAnotherQuestionnaireIsAProblem() {
        QuestionnaireResponse response = phq9().setQuestionnaire(Instrument.GAD_7.url());
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals("QuestionnaireResponse.questionnaire", v.expression());
        assertEquals(IssueType.VALUE, v.code());
    }

    @Test
    void aResponseToAnotherVersionIsAProblem() {
        QuestionnaireResponse response = phq9().setQuestionnaire(Instrument.PHQ_9.url() + "|0.9.0");
        assertEquals(List.of("QuestionnaireResponse.questionnaire"), expressions(ResponseChecker.check(PHQ9, response)));
    }

    @Test
    void aResponseWithoutQuestionnaireIsAProblem() {
        QuestionnaireResponse response = phq9().setQuestionnaire(null);
        RuleViolation v = only(ResponseChecker.check(PHQ9, response));
        assertEquals(IssueType.REQUIRED, v.code());
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        QuestionnaireResponse response = response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, SKIP);
        response.setStatus(QuestionnaireResponseStatus.INPROGRESS);
        response.getItem().get(0).getAnswerFirstRep().setValue(new BooleanType(true));
        response.getItem().get(1).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "nope", null));
        response.addItem().setLinkId("extra");

        assertEquals(List.of("QuestionnaireResponse.status",
                        "QuestionnaireResponse.item[0].answer[0].value",
                        "QuestionnaireResponse.item[1].answer[0].value",
                        "QuestionnaireResponse.item[8].linkId",
                        "QuestionnaireResponse.item.where(linkId = '44260-8')"),
                expressions(ResponseChecker.check(PHQ9, response)));
    }

    // --- nested items: a small Questionnaire with a group -----------------------------------------

    @Test
    void nestedItemsAreCheckedAndLocatedWhereTheyAre() {
        Questionnaire nested = nestedQuestionnaire();
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(nested.getUrl())
                .setStatus(QuestionnaireResponseStatus.COMPLETED);
        QuestionnaireResponseItemComponent group = response.addItem().setLinkId("about");
        group.addItem().setLinkId("since").addAnswer().setValue(new StringType("last week"));
        group.addItem().setLinkId("ok").addAnswer().setValue(new BooleanType(true))
                .addItem().setLinkId("why").addAnswer().setValue(new IntegerType(3));

        assertEquals(List.of("QuestionnaireResponse.item[0].item[0].answer[0].value",
                        "QuestionnaireResponse.item[0].item[1].answer[0].item[0].answer[0].value",
                        "QuestionnaireResponse.item[0].item.where(linkId = 'count')"),
                expressions(ResponseChecker.check(nested, response)));
    }

    @Test
    void anEmptyRequiredGroupIsAProblemAtTheGroup() {
        Questionnaire nested = nestedQuestionnaire();
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(nested.getUrl())
                .setStatus(QuestionnaireResponseStatus.COMPLETED);
        response.addItem().setLinkId("about");
        assertEquals(List.of("QuestionnaireResponse.item[0]"), expressions(ResponseChecker.check(nested, response)));
    }

    @Test
    void anAnswerToAGroupIsATypeProblem() {
        Questionnaire nested = nestedQuestionnaire();
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(nested.getUrl())
                .setStatus(QuestionnaireResponseStatus.COMPLETED);
        QuestionnaireResponseItemComponent group = response.addItem().setLinkId("about");
        group.addAnswer().setValue(new StringType("x"));
        group.addItem().setLinkId("count").addAnswer().setValue(new IntegerType(1));
        RuleViolation v = only(ResponseChecker.check(nested, response));
        assertEquals("QuestionnaireResponse.item[0].answer[0].value", v.expression());
        assertTrue(v.message().contains("takes no answer"), v.message());
    }

    // --- referral context -------------------------------------------------------------------------

    @Test
    void referralContextNeedsSubjectAuthoredAndServiceRequest() {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.addBasedOn(new Reference("CarePlan/cp1"));
        List<RuleViolation> violations = ResponseChecker.checkReferralContext(response);
        assertEquals(List.of("QuestionnaireResponse.subject", "QuestionnaireResponse.authored", "QuestionnaireResponse.basedOn"),
                expressions(violations));
        assertTrue(violations.stream().allMatch(v -> v.code() == IssueType.REQUIRED));
    }

    @Test
    void referralContextAcceptsAServiceRequestOnThisServerOrATransactionEntry() {
        for (Reference basedOn : List.of(new Reference("ServiceRequest/sr1"),
                new Reference("urn:uuid:0f0c7c5e-2a53-4a9b-9d5d-2a1f1e8f7b11"))) {
            QuestionnaireResponse response = phq9();
            response.getBasedOn().clear();
            response.addBasedOn(basedOn);
            assertEquals(List.of(), ResponseChecker.checkReferralContext(response), basedOn.getReference());
        }
    }

    /** The server must find the referral to check its patient and state: a reference it cannot follow is refused. */
    @Test
    void referralContextRefusesReferencesThatCannotBeFollowed() {
        for (Reference basedOn : List.of(new Reference("https://other.example.org/fhir/ServiceRequest/sr1"),
                new Reference().setType("ServiceRequest").setIdentifier(new Identifier().setValue("REF-1")))) {
            QuestionnaireResponse response = phq9();
            response.getBasedOn().clear();
            response.addBasedOn(basedOn);
            assertEquals(List.of("QuestionnaireResponse.basedOn"), expressions(ResponseChecker.checkReferralContext(response)));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static QuestionnaireResponse phq9() {
        return response(Instrument.PHQ_9, 1, 1, 1, 1, 1, 1, 1, 1, 0);
    }

    /** about (required group) > since (date), count (integer, required), ok (boolean) > why (string). */
    private static Questionnaire nestedQuestionnaire() {
        Questionnaire q = new Questionnaire().setUrl("http://example.org/Questionnaire/nested").setVersion("1");
        QuestionnaireItemComponent group = q.addItem().setLinkId("about").setType(QuestionnaireItemType.GROUP).setRequired(true);
        group.addItem().setLinkId("since").setType(QuestionnaireItemType.DATE);
        group.addItem().setLinkId("count").setType(QuestionnaireItemType.INTEGER).setRequired(true);
        group.addItem().setLinkId("ok").setType(QuestionnaireItemType.BOOLEAN)
                .addItem().setLinkId("why").setType(QuestionnaireItemType.STRING);
        return q;
    }

    private static List<String> expressions(List<RuleViolation> violations) {
        return violations.stream().map(RuleViolation::expression).toList();
    }

    private static RuleViolation only(List<RuleViolation> violations) {
        assertEquals(1, violations.size(), violations::toString);
        return violations.get(0);
    }

}
