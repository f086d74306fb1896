package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.ServerTest;

/**
 * Who may do what (mapping/access/RolePermissions), for each actor on one referral: the program's client, the
 * referrer that sent it, another referrer, and the admin client. Each refusal is a 403 naming the rule, changes
 * nothing and is audited; another referrer's attempt on this referral's data is a 404 as everywhere.
 */
class RoleMatrixTest extends ServerTest {

    private IGenericClient program;
    private IGenericClient referrer;
    private IGenericClient otherReferrer;
    private IGenericClient admin;
    private String referrerId;
    private Referrals.Sent referral;

    @BeforeEach
    void oneReferralAndFourActors() {
        String run = Referrals.unique();
        program = server.clientFor("program-" + run, Sessions.PROGRAM, "system/*.cruds");
        referrerId = "referrer-" + run;
        referrer = server.clientFor(referrerId, "Organization/referrer-" + run, "system/*.cruds");
        otherReferrer = server.clientFor("other-" + run, "Organization/other-" + run, "system/*.cruds");
        admin = server.client();
        referral = Referrals.send(referrer);
    }

    @Test
    void onlyTheProgramTriagesAndFulfils() {
        for (Task.TaskStatus status : List.of(Task.TaskStatus.ACCEPTED, Task.TaskStatus.REJECTED, Task.TaskStatus.INPROGRESS,
                Task.TaskStatus.FAILED, Task.TaskStatus.COMPLETED)) {
            Task changed = withStatus(task(), status);
            assertForbidden("program-triages", () -> referrer.update().resource(changed).execute());
            Refusals.refused(404, () -> otherReferrer.update().resource(changed).execute());
        }
        Task businessStatus = task();
        businessStatus.setBusinessStatus(BusinessStatus.EVENT_SCHEDULED.toCodeableConcept());
        assertForbidden("program-triages", () -> referrer.update().resource(businessStatus).execute());
        assertEquals("1", task().getMeta().getVersionId(), "nothing changed");

        program.update().resource(withStatus(task(), Task.TaskStatus.ACCEPTED)).execute();
        admin.update().resource(withStatus(task(), Task.TaskStatus.INPROGRESS)).execute();
        assertEquals(Task.TaskStatus.INPROGRESS, task().getStatus());
        assertTrue(auditedRefusals() >= 6, "every refusal is audited");
    }

    @Test
    void theReferrerAsksToCancelAndCancels() {
        Task asking = task();
        asking.setBusinessStatus(BusinessStatus.CANCELLATION_REQUESTED.toCodeableConcept());
        referrer.update().resource(asking).execute();
        assertEquals("5.2", task().getBusinessStatus().getCodingFirstRep().getCode());
        Task cancelled = withStatus(task(), Task.TaskStatus.CANCELLED);
        cancelled.getStatusReason().setText("Patient moved away");
        referrer.update().resource(cancelled).execute();
        assertEquals(Task.TaskStatus.CANCELLED, task().getStatus());
    }

    @Test
    void theReferrerUpdatesAndRevokesItsOwnReferralOnly() {
        ServiceRequest revoked = referrer.read().resource(ServiceRequest.class).withId(referral.requestReference()).execute();
        revoked.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        Refusals.refused(404, () -> otherReferrer.update().resource(revoked).execute());
        referrer.update().resource(revoked).execute();
        assertEquals(Task.TaskStatus.CANCELLED, task().getStatus(), "the Task follows the revoked referral");
    }

    @Test
    void onlyTheProgramRecordsSessionsResponsesAndTheDirectory() {
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        program.update().resource(withStatus(task(), Task.TaskStatus.ACCEPTED)).execute();
        Encounter session = Sessions.attended(referral, supporter.role());
        for (IGenericClient ehr : List.of(referrer, otherReferrer)) {
            assertForbidden("program-records", () -> ehr.create().resource(session).execute());
            assertForbidden("program-records", () -> ehr.create().resource(
                    Responses.answered(Responses.PHQ9, referral, "2025-06-10T15:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0, 1)).execute());
            assertForbidden("program-records", () -> ehr.create().resource(new HealthcareService().setName("Peer group")).execute());
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            Referrals.add(transaction, Sessions.attended(referral, supporter.role()));
            assertForbidden("program-records", () -> ehr.transaction().withBundle(transaction).execute());
        }
        assertEquals(0, total(admin, "Encounter?based-on=" + referral.requestReference()), "nothing was stored");
        assertEquals(0, total(admin, "QuestionnaireResponse?based-on=" + referral.requestReference()));

        String recorded = program.create().resource(session).execute().getId().toUnqualifiedVersionless().getValue();
        admin.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-06-10T15:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0, 0)).execute();
        assertEquals(recorded, referrer.read().resource(Encounter.class).withId(recorded).execute().getIdElement().toUnqualifiedVersionless().getValue(),
                "the referrer reads what derives from its referral");
        Refusals.refused(404, () -> otherReferrer.read().resource(Encounter.class).withId(recorded).execute());
        assertForbidden("program-records", () -> referrer.delete().resourceById(new org.hl7.fhir.r4.model.IdType(recorded)).execute());
        Bundle report = referrer.operation().onInstance(referral.requestReference()).named("$progress-report")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();
        assertEquals(Bundle.BundleType.DOCUMENT, report.getType());
    }

    @Test
    void nobodyDeletesTheFulfilmentTask() {
        String taskId = "Task/" + referral.task().getIdElement().getIdPart();
        for (IGenericClient anyone : List.of(referrer, program, admin)) {
            assertForbidden("fulfilment-task-kept", () -> anyone.delete().resourceById(new org.hl7.fhir.r4.model.IdType(taskId)).execute());
        }
        Refusals.refused(404, () -> otherReferrer.delete().resourceById(new org.hl7.fhir.r4.model.IdType(taskId)).execute());
        assertEquals(1, total(referrer, "Task?focus=" + referral.requestReference()), "the referral keeps its Task");
    }

    private void assertForbidden(String rule, org.junit.jupiter.api.function.Executable request) {
        OperationOutcome outcome = Refusals.refused(403, request);
        assertEquals(OperationOutcome.IssueType.FORBIDDEN, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().startsWith(rule), outcome.getIssueFirstRep().getDiagnostics());
    }

    private Task task() {
        return admin.read().resource(Task.class).withId(referral.task().getIdElement().getIdPart()).execute();
    }

    private static Task withStatus(Task task, Task.TaskStatus status) {
        task.setStatus(status);
        if (status == Task.TaskStatus.REJECTED || status == Task.TaskStatus.FAILED || status == Task.TaskStatus.CANCELLED) {
            task.getStatusReason().setText("reason");
        }
        return task;
    }

    private int auditedRefusals() {
        return total(admin, "AuditEvent?altid=" + referrerId + "&outcome=4");
    }

    private static int total(IGenericClient client, String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute().getTotal();
    }
}
