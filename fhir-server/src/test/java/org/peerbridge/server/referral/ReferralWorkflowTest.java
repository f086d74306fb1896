package org.peerbridge.server.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** Program staff move the fulfilment Task; the ServiceRequest follows; impossible moves change nothing. */
class ReferralWorkflowTest extends ServerTest {

    @Test
    void acceptedStartedCompletedReferralCompletesTheServiceRequest() {
        Referrals.Sent referral = newReferral();
        Task task = move(referral.task(), Task.TaskStatus.ACCEPTED, null);
        assertEquals("3.0", task.getBusinessStatus().getCodingFirstRep().getCode(), "business status follows when not given");
        task = move(task, Task.TaskStatus.INPROGRESS, null);
        task = move(task, Task.TaskStatus.ONHOLD, "Participant travelling for two weeks");
        task = move(task, Task.TaskStatus.INPROGRESS, null);
        task = move(task, Task.TaskStatus.COMPLETED, null);
        assertEquals("7.0", task.getBusinessStatus().getCodingFirstRep().getCode());
        assertEquals("6", task.getMeta().getVersionId(), "each move is a new version");
        assertEquals(ServiceRequest.ServiceRequestStatus.COMPLETED, read(referral.request()).getStatus());
    }

    @Test
    void impossibleTransitionIsRefusedAndChangesNothing() {
        Referrals.Sent referral = newReferral();
        Task attempt = referral.task().copy();
        attempt.setStatus(Task.TaskStatus.COMPLETED);
        ResourceVersionConflictException refused = assertThrows(ResourceVersionConflictException.class,
                () -> server.client().update().resource(attempt).execute());
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(OperationOutcome.IssueType.BUSINESSRULE, outcome.getIssueFirstRep().getCode());
        assertEquals("Task.status", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        Task stored = server.client().read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
        assertEquals(Task.TaskStatus.REQUESTED, stored.getStatus());
        assertEquals("1", stored.getMeta().getVersionId());
    }

    @Test
    void rejectionWithoutReasonIsRefused() {
        Referrals.Sent referral = newReferral();
        Task attempt = referral.task().copy();
        attempt.setStatus(Task.TaskStatus.REJECTED);
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> server.client().update().resource(attempt).execute());
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(OperationOutcome.IssueType.REQUIRED, outcome.getIssueFirstRep().getCode());
        assertEquals("Task.statusReason", outcome.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void rejectionWithReasonRevokesTheReferral() {
        Referrals.Sent referral = newReferral();
        Task task = move(referral.task(), Task.TaskStatus.REJECTED, "Outside the program's service area");
        assertEquals("4.0", task.getBusinessStatus().getCodingFirstRep().getCode());
        assertEquals(ServiceRequest.ServiceRequestStatus.REVOKED, read(referral.request()).getStatus());
        assertThrows(ResourceVersionConflictException.class, () -> move(task, Task.TaskStatus.ACCEPTED, null),
                "a rejected referral is final");
    }

    @Test
    void referrerRevokingTheServiceRequestCancelsTheTask() {
        Referrals.Sent referral = newReferral();
        move(referral.task(), Task.TaskStatus.ACCEPTED, null);
        ServiceRequest revoked = read(referral.request());
        revoked.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        server.client().update().resource(revoked).execute();

        Task task = server.client().read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
        assertEquals(Task.TaskStatus.CANCELLED, task.getStatus());
        assertEquals("6.0", task.getBusinessStatus().getCodingFirstRep().getCode());
        assertEquals("Referral revoked by the referrer", task.getStatusReason().getText());
    }

    @Test
    void referrerCancellingTheTaskRevokesTheServiceRequest() {
        Referrals.Sent referral = newReferral();
        move(referral.task(), Task.TaskStatus.CANCELLED, "Patient moved away");
        assertEquals(ServiceRequest.ServiceRequestStatus.REVOKED, read(referral.request()).getStatus());
    }

    @Test
    void referrerCannotCompleteOrReopenTheServiceRequest() {
        Referrals.Sent referral = newReferral();
        ServiceRequest attempt = read(referral.request());
        attempt.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
        BaseServerResponseException refused = assertThrows(ResourceVersionConflictException.class,
                () -> server.client().update().resource(attempt).execute());
        assertEquals(409, refused.getStatusCode());
    }

    @Test
    void focusOfTheTaskCannotChange() {
        Referrals.Sent first = newReferral();
        Referrals.Sent second = newReferral();
        Task attempt = first.task().copy();
        attempt.getFocus().setReference("ServiceRequest/" + second.request().getIdElement().getIdPart());
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> server.client().update().resource(attempt).execute());
        assertEquals("Task.focus", ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep()
                .getExpression().get(0).getValue());
    }

    private static Task move(Task task, Task.TaskStatus status, String reason) {
        Task next = task.copy();
        next.setStatus(status);
        if (reason != null) {
            next.getStatusReason().setText(reason);
        }
        return (Task) server.client().update().resource(next).execute().getResource();
    }

    private static ServiceRequest read(ServiceRequest request) {
        return server.client().read().resource(ServiceRequest.class).withId(request.getIdElement().toVersionless()).execute();
    }

    private static Referrals.Sent newReferral() {
        return Referrals.send(server.client());
    }
}
