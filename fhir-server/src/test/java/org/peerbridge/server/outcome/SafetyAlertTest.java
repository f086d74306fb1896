package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;

/** A PHQ-9 item 9 answer above 0 reaches people at once, and staff close the alert with a reason. */
class SafetyAlertTest extends OutcomeApiTest {

    private static final String CLOSURE_REASON = "http://peerbridge.org/fhir/StructureDefinition/flag-closure-reason";

    @Test
    void itemNineAboveZeroRaisesFlagMessageAndTaskStatus() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType response = create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 0, 0, 0, 0, 0, 1));

        Bundle flags = search("Flag?patient=" + referral.patientReference() + "&status=active");
        assertEquals(1, flags.getTotal());
        Flag flag = (Flag) flags.getEntryFirstRep().getResource();
        assertTrue(flag.getCategoryFirstRep().hasCoding("http://terminology.hl7.org/CodeSystem/flag-category", "safety"));
        assertTrue(flag.getCode().hasCoding("http://peerbridge.org/fhir/CodeSystem/safety-alert", "self-harm-risk-reported"));
        assertEquals("QuestionnaireResponse/" + response.getIdPart(),
                ((Reference) flag.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/flag-detail").getValue()).getReference());

        String clinician = referral.request().getRequester().getReference();
        Bundle messages = search("Communication?recipient=" + clinician + "&based-on=" + referral.requestReference());
        assertEquals(1, messages.getTotal());
        Communication message = (Communication) messages.getEntryFirstRep().getResource();
        assertEquals(Communication.CommunicationPriority.URGENT, message.getPriority());
        assertEquals(List.of("QuestionnaireResponse/" + response.getIdPart(), "Flag/" + flag.getIdElement().getIdPart()),
                message.getAbout().stream().map(Reference::getReference).toList());

        Task task = server.client().read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
        assertTrue(task.getBusinessStatus().hasCoding("http://peerbridge.org/fhir/CodeSystem/referral-business-status", "safety-follow-up"));
        assertEquals("accepted", task.getStatus().toCode(), "the program's state of the referral is not changed");
        assertEquals("3", task.getMeta().getVersionId(), "a new Task version the EHR sees in its history");
    }

    /** The message says which response to look at, and nothing else: no name, no answers, no scores. */
    @Test
    void theMessageToTheClinicianCarriesNoMorePhiThanNeeded() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 3, 3, 3, 3, 3, 3, 3, 3, 3));
        Communication message = (Communication) search("Communication?based-on=" + referral.requestReference())
                .getEntryFirstRep().getResource();

        String json = server.fhir().newJsonParser().encodeResourceToString(message);
        for (String phi : List.of("Testperson", "Alex", "1990-04-12", "LA6571-9", "Nearly every day", "44261-6", "severe")) {
            assertFalse(json.contains(phi), "the Communication must not contain '" + phi + "': " + json);
        }
        assertEquals(referral.patientReference(), message.getSubject().getReference());
        assertEquals(1, message.getPayload().size());
        assertTrue(message.getPayloadFirstRep().getContentStringType().getValue().contains("does not assess risk"));
    }

    @Test
    void itemNineAtZeroRaisesNothing() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 3, 3, 3, 3, 3, 3, 3, 3, 0));
        assertEquals(0, search("Flag?patient=" + referral.patientReference()).getTotal());
        assertEquals(0, search("Communication?based-on=" + referral.requestReference()).getTotal());
        Task task = server.client().read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
        assertEquals(referral.task().getMeta().getVersionId(), task.getMeta().getVersionId(), "the Task is not touched");
    }

    /** An amendment that newly reports item 9 above 0 alerts; one that was already alerted does not alert twice. */
    @Test
    void anAmendmentAlertsOnceWhenItNewlyReportsARisk() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 0));
        amend(id, Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 2));
        assertEquals(1, search("Flag?patient=" + referral.patientReference()).getTotal());
        amend(id, Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1, 2, 3));
        assertEquals(1, search("Flag?patient=" + referral.patientReference()).getTotal(), "already alerted for this response");
        assertEquals(1, search("Communication?based-on=" + referral.requestReference()).getTotal());
    }

    @Test
    void staffCloseAFlagWithAReasonAsANewVersionAndCannotReopenIt() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        create(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 0, 0, 0, 0, 0, 0, 0, 0, 2));
        Flag flag = (Flag) search("Flag?patient=" + referral.patientReference()).getEntryFirstRep().getResource();

        Flag withoutReason = flag.copy();
        withoutReason.setStatus(Flag.FlagStatus.INACTIVE);
        onlyError(refused(() -> server.client().update().resource(withoutReason).execute()), OperationOutcome.IssueType.REQUIRED,
                "Flag.extension");

        Flag closed = flag.copy();
        closed.setStatus(Flag.FlagStatus.INACTIVE);
        closed.addExtension(CLOSURE_REASON, new StringType("Clinician called the participant the same day; safety plan in place"));
        server.client().update().resource(closed).execute();
        Flag stored = server.client().read().resource(Flag.class).withId(flag.getIdElement().toVersionless()).execute();
        assertEquals(Flag.FlagStatus.INACTIVE, stored.getStatus());
        assertNotNull(stored.getPeriod().getEnd(), "the server stamps when it was closed");
        Bundle history = server.client().history().onInstance(flag.getIdElement().toVersionless()).returnBundle(Bundle.class).execute();
        assertEquals(2, history.getTotal(), "closing is a new version; the raised one stays readable");
        assertEquals(0, search("Flag?patient=" + referral.patientReference() + "&status=active").getTotal());

        Flag reopened = stored.copy();
        reopened.setStatus(Flag.FlagStatus.ACTIVE);
        assertThrows(ResourceVersionConflictException.class, () -> server.client().update().resource(reopened).execute());
    }

    private static void amend(IdType id, QuestionnaireResponse amended) {
        amended.setId(id);
        amended.setStatus(QuestionnaireResponseStatus.AMENDED);
        server.client().update().resource(amended).execute();
    }
}
