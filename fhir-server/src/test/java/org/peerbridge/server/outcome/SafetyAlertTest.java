package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;

/** A PHQ-9 item 9 answer above 0 reaches people at once, and staff close the alert with a reason. */
class SafetyAlertTest extends ServerTest {

    private static final String CLOSURE_REASON = "http://peerbridge.org/fhir/StructureDefinition/flag-closure-reason";

    @Test
    void itemNineAboveZeroRaisesFlagMessageAndTaskStatus() {
        Referrals.Sent referral = Referrals.send(server.client());
        IdType response = OutcomesTest.create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 0, 0, 0, 0, 0, 1));

        Bundle flags = OutcomesTest.search("Flag?patient=" + referral.patientReference() + "&status=active");
        assertEquals(1, flags.getTotal());
        Flag flag = (Flag) flags.getEntryFirstRep().getResource();
        assertTrue(flag.getCategoryFirstRep().hasCoding("http://terminology.hl7.org/CodeSystem/flag-category", "safety"));
        assertEquals("QuestionnaireResponse/" + response.getIdPart(),
                ((Reference) flag.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/flag-detail").getValue()).getReference());

        String clinician = referral.request().getRequester().getReference();
        Bundle messages = OutcomesTest.search("Communication?recipient=" + clinician + "&based-on=" + referral.requestReference());
        assertEquals(1, messages.getTotal());
        Communication message = (Communication) messages.getEntryFirstRep().getResource();
        assertEquals(Communication.CommunicationPriority.URGENT, message.getPriority());
        assertTrue(message.getAbout().stream().anyMatch(about -> about.getReference().equals("QuestionnaireResponse/" + response.getIdPart())));
        String text = message.getPayloadFirstRep().getContentStringType().getValue();
        assertFalse(text.contains("Testperson") || text.contains("Alex"), "no name in the message");

        Task task = server.client().read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
        assertTrue(task.getBusinessStatus().hasCoding("http://peerbridge.org/fhir/CodeSystem/referral-business-status", "safety-follow-up"));
        assertEquals("2", task.getMeta().getVersionId(), "a new Task version the EHR sees in its history");
    }

    @Test
    void itemNineAtZeroRaisesNothing() {
        Referrals.Sent referral = Referrals.send(server.client());
        OutcomesTest.create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 3, 3, 3, 3, 3, 3, 3, 3, 0));
        assertEquals(0, OutcomesTest.search("Flag?patient=" + referral.patientReference()).getTotal());
        assertEquals(0, OutcomesTest.search("Communication?based-on=" + referral.requestReference()).getTotal());
    }

    @Test
    void staffCloseAFlagWithAReasonAndCannotReopenIt() {
        Referrals.Sent referral = Referrals.send(server.client());
        OutcomesTest.create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 0, 0, 0, 0, 0, 0, 0, 0, 2));
        Flag flag = (Flag) OutcomesTest.search("Flag?patient=" + referral.patientReference()).getEntryFirstRep().getResource();

        Flag withoutReason = flag.copy();
        withoutReason.setStatus(Flag.FlagStatus.INACTIVE);
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> server.client().update().resource(withoutReason).execute());
        assertEquals("Flag.extension", ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep().getExpression().get(0).getValue());

        Flag closed = flag.copy();
        closed.setStatus(Flag.FlagStatus.INACTIVE);
        closed.addExtension(CLOSURE_REASON, new StringType("Clinician called the participant the same day; safety plan in place"));
        server.client().update().resource(closed).execute();
        Flag stored = server.client().read().resource(Flag.class).withId(flag.getIdElement().toVersionless()).execute();
        assertEquals(Flag.FlagStatus.INACTIVE, stored.getStatus());
        assertNotNull(stored.getPeriod().getEnd(), "the server stamps when it was closed");
        assertEquals(2, server.client().history().onInstance(flag.getIdElement().toVersionless())
                .returnBundle(Bundle.class).execute().getTotal(), "closing is a new version");

        Flag reopened = stored.copy();
        reopened.setStatus(Flag.FlagStatus.ACTIVE);
        assertThrows(ResourceVersionConflictException.class, () -> server.client().update().resource(reopened).execute());
    }
}
