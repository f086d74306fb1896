package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueType.BUSINESSRULE;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueType.CODEINVALID;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueType.NOTFOUND;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueType.REQUIRED;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueType.STRUCTURE;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;

/**
 * Every checking rule, over HTTP: a response that breaks one gets 422 with one issue located where the
 * problem is, and nothing is stored (no response, no score, no alert).
 */
class ResponseCheckingTest extends OutcomeApiTest {

    @Test
    void anItemTheQuestionnaireDoesNotHave() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.getItem().get(2).setLinkId("not-an-item");
        onlyError(refused(() -> create(response)), STRUCTURE, "QuestionnaireResponse.item[2].linkId");
        assertNothingStoredFor(referral);
    }

    @Test
    void anAnswerOfTheWrongType() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.getItem().get(0).getAnswerFirstRep().setValue(new IntegerType(1));
        onlyError(refused(() -> create(response)), STRUCTURE, "QuestionnaireResponse.item[0].answer[0].value");
        assertNothingStoredFor(referral);
    }

    @Test
    void aCodedAnswerThatIsNotAnOption() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.getItem().get(4).getAnswerFirstRep().setValue(new Coding(LOINC, "LA6572-7", "Not difficult at all"));
        onlyError(refused(() -> create(response)), CODEINVALID, "QuestionnaireResponse.item[4].answer[0].value");
        assertNothingStoredFor(referral);
    }

    @Test
    void aRequiredItemLeftOut() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 0);
        response.getItem().remove(8);
        onlyError(refused(() -> create(response)), REQUIRED, "QuestionnaireResponse.item.where(linkId = '44260-8')");
        assertNothingStoredFor(referral);
    }

    @Test
    void twoAnswersToAnItemThatTakesOne() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.getItem().get(0).addAnswer().setValue(response.getItem().get(1).getAnswerFirstRep().getValue().copy());
        onlyError(refused(() -> create(response)), STRUCTURE, "QuestionnaireResponse.item[0].answer[1]");
        assertNothingStoredFor(referral);
    }

    @Test
    void anItemGivenTwiceThatDoesNotRepeat() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.addItem(response.getItem().get(3).copy());
        onlyError(refused(() -> create(response)), STRUCTURE, "QuestionnaireResponse.item[7]");
        assertNothingStoredFor(referral);
    }

    @Test
    void aResponseStillInProgress() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral).setStatus(QuestionnaireResponseStatus.INPROGRESS);
        onlyError(refused(() -> create(response)), BUSINESSRULE, "QuestionnaireResponse.status");
        assertNothingStoredFor(referral);
    }

    @Test
    void aQuestionnaireTheServerDoesNotHold() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral).setQuestionnaire("http://example.org/Questionnaire/gad-7");
        onlyError(refused(() -> create(response)), NOTFOUND, "QuestionnaireResponse.questionnaire");
        assertNothingStoredFor(referral);
    }

    @Test
    void tooManyUnansweredItemsToScore() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.getItem().subList(0, 2).clear();
        OperationOutcome outcome = refused(() -> create(response));
        assertEquals(List.of("QuestionnaireResponse.item.where(linkId = '69725-0')",
                "QuestionnaireResponse.item.where(linkId = '68509-9')"), errorLocations(outcome));
        assertNothingStoredFor(referral);
    }

    @Test
    void everyProblemOfOneResponseIsReportedAtOnce() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral).setStatus(QuestionnaireResponseStatus.STOPPED);
        response.getItem().get(1).setLinkId("not-an-item");
        response.getItem().get(5).getAnswerFirstRep().setValue(new Coding(LOINC, "LA0000-0", null));
        assertEquals(List.of("QuestionnaireResponse.status", "QuestionnaireResponse.item[1].linkId",
                "QuestionnaireResponse.item[5].answer[0].value"), errorLocations(refused(() -> create(response))));
        assertNothingStoredFor(referral);
    }

    @Test
    void aReferralTheProgramHasNotAccepted() {
        Referrals.Sent requested = Referrals.send(server.client());
        OperationOutcomeIssueComponent issue = onlyError(refused(() -> create(gad7(requested))), BUSINESSRULE,
                "QuestionnaireResponse.basedOn[0]");
        assertTrue(issue.getDiagnostics().contains("'requested'"), issue.getDiagnostics());
        assertNothingStoredFor(requested);
    }

    @Test
    void anotherPatientsAnswersOnThisReferral() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral).setSubject(new Reference(Referrals.send(server.client()).patientReference()));
        onlyError(refused(() -> create(response)), BUSINESSRULE, "QuestionnaireResponse.subject");
        assertNothingStoredFor(referral);
    }

    @Test
    void aReferralOnAnotherServerOrNoneAtAll() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse elsewhere = gad7(referral);
        elsewhere.getBasedOnFirstRep().setReference("https://ehr.example.org/fhir/" + referral.requestReference());
        onlyError(refused(() -> create(elsewhere)), REQUIRED, "QuestionnaireResponse.basedOn");

        QuestionnaireResponse missing = gad7(referral);
        missing.getBasedOnFirstRep().setReference("ServiceRequest/no-such-referral");
        onlyError(refused(() -> create(missing)), NOTFOUND, "QuestionnaireResponse.basedOn[0]");
        assertNothingStoredFor(referral);
    }

    @Test
    void theServerFillsInAMissingTotal() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.PHQ9, referral, "2026-03-02T10:00:00Z", 2, 2, 1, 1, 2, 1, 1, 2, 0));
        QuestionnaireResponse stored = read(id);
        assertEquals("44261-6", stored.getItem().get(9).getLinkId(), "in the Questionnaire's place, after item 9");
        assertEquals(12, stored.getItem().get(9).getAnswerFirstRep().getValueIntegerType().getValue());
    }

    @Test
    void aTotalThatAgreesIsAccepted() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.addItem().setLinkId("70274-6").addAnswer().setValue(new IntegerType(7));
        IdType id = create(response);
        assertEquals(8, read(id).getItem().size(), "kept as sent, not added twice");
        assertEquals(7, onlyScoreOf(id).getValueQuantity().getValue().intValue());
    }

    /** The total item is an integer (the WHO-5 index too): a decimal is the wrong type, like any other answer. */
    @Test
    void aTotalOfTheWrongType() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.addItem().setLinkId("70274-6").addAnswer().setValue(new DecimalType("7.0"));
        onlyError(refused(() -> create(response)), STRUCTURE, "QuestionnaireResponse.item[7].answer[0].value");
        assertNothingStoredFor(referral);
    }

    @Test
    void aTotalThatContradictsTheAnswers() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = gad7(referral);
        response.addItem().setLinkId("70274-6").addAnswer().setValue(new IntegerType(20));
        OperationOutcomeIssueComponent issue = onlyError(refused(() -> create(response)), BUSINESSRULE,
                "QuestionnaireResponse.item[7].answer[0].value");
        assertTrue(issue.getDiagnostics().contains("(20) contradicts the answers, which score 7"), issue.getDiagnostics());
        assertNothingStoredFor(referral);
    }

    /** A refused response reporting a risk of self-harm tells its sender that no alert was raised. */
    @Test
    void aRefusedResponseWithItem9AboveZeroWarnsThatNoAlertWasRaised() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 3)
                .setStatus(QuestionnaireResponseStatus.INPROGRESS);
        OperationOutcome outcome = refused(() -> create(response));
        assertEquals(List.of("QuestionnaireResponse.status"), errorLocations(outcome));
        OperationOutcomeIssueComponent warning = outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == IssueSeverity.WARNING).findFirst().orElseThrow();
        assertEquals("QuestionnaireResponse.item.where(linkId = '44260-8')", warning.getExpression().get(0).getValue());
        assertTrue(warning.getDiagnostics().contains("NO alert was raised"), warning.getDiagnostics());
        assertNothingStoredFor(referral);
    }

    private static QuestionnaireResponse gad7(Referrals.Sent referral) {
        return Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
    }
}
