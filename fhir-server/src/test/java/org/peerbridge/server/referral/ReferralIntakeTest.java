package org.peerbridge.server.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** An EHR sends referrals; each becomes exactly one ServiceRequest with exactly one fulfilment Task. */
class ReferralIntakeTest extends ServerTest {

    @Test
    void transactionBundleCreatesPatientReferralAndItsTask() {
        String mrn = Referrals.unique();
        Bundle response = server.client().transaction().withBundle(Referrals.minimalBundle(mrn, Referrals.unique())).execute();

        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, response.getType());
        assertEquals(3, response.getEntry().size());
        response.getEntry().forEach(e -> assertEquals("201 Created", e.getResponse().getStatus()));
        String referralLocation = response.getEntry().get(2).getResponse().getLocation();
        assertTrue(referralLocation.startsWith("ServiceRequest/"), referralLocation);

        ServiceRequest referral = server.client().read().resource(ServiceRequest.class)
                .withId(referralLocation.replaceFirst("/_history/.*", "")).execute();
        assertEquals(response.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", ""),
                referral.getSubject().getReference(), "urn:uuid subject resolved to the stored Patient");

        Task task = onlyTaskOf(referral);
        assertEquals(Task.TaskStatus.REQUESTED, task.getStatus());
        assertEquals(Task.TaskIntent.ORDER, task.getIntent());
        assertEquals("fulfill", task.getCode().getCodingFirstRep().getCode());
        assertEquals("ServiceRequest/" + referral.getIdElement().getIdPart(), task.getFocus().getReference());
        assertEquals(referral.getSubject().getReference(), task.getFor().getReference());
        assertEquals(referral.getRequester().getReference(), task.getRequester().getReference());
        assertEquals("Organization/peerbridge-program", task.getOwner().getReference());
        assertTrue(task.hasAuthoredOn());
        assertEquals("2.0", task.getBusinessStatus().getCodingFirstRep().getCode());
    }

    @Test
    void completeReferralKeepsConditionConsentAndRequesterRole() {
        Bundle response = server.client().transaction()
                .withBundle(Referrals.completeBundle(Referrals.unique(), Referrals.unique())).execute();
        assertEquals(7, response.getEntry().size());
        ServiceRequest referral = server.client().read().resource(ServiceRequest.class)
                .withId(location(response, 2)).execute();
        assertTrue(referral.getRequester().getReference().startsWith("PractitionerRole/"));
        assertTrue(referral.getReasonReferenceFirstRep().getReference().startsWith("Condition/"));
        assertTrue(referral.getSupportingInfoFirstRep().getReference().startsWith("Consent/"));
        server.client().read().resource("Consent").withUrl(referral.getSupportingInfoFirstRep().getReference()).execute();
        assertEquals(referral.getRequester().getReference(), onlyTaskOf(referral).getRequester().getReference());
    }

    @Test
    void retriedBundleCreatesNothingAndAnswersWithTheSameResources() {
        String mrn = Referrals.unique();
        String referralId = Referrals.unique();
        Bundle first = server.client().transaction().withBundle(Referrals.minimalBundle(mrn, referralId)).execute();
        int practitionersBefore = count("Practitioner");
        Bundle retry = server.client().transaction().withBundle(Referrals.minimalBundle(mrn, referralId)).execute();

        for (int i = 0; i < first.getEntry().size(); i++) {
            assertEquals(first.getEntry().get(i).getResponse().getLocation(), retry.getEntry().get(i).getResponse().getLocation());
            assertEquals("200 OK", retry.getEntry().get(i).getResponse().getStatus());
        }
        assertEquals(practitionersBefore, count("Practitioner"), "the retry stored no second Practitioner");
        assertEquals(1, server.client().search().forResource(ServiceRequest.class)
                .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode(Referrals.REFERRAL_SYSTEM, referralId))
                .returnBundle(Bundle.class).execute().getTotal());
        onlyTaskOf(server.client().read().resource(ServiceRequest.class).withId(location(first, 2)).execute());
    }

    @Test
    void concurrentRetriesStillMakeOneReferralAndOneTask() throws Exception {
        String mrn = Referrals.unique();
        String referralId = Referrals.unique();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Bundle>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> server.client().transaction()
                        .withBundle(Referrals.minimalBundle(mrn, referralId)).execute()));
            }
            Set<String> referralLocations = new HashSet<>();
            for (Future<Bundle> answer : answers) {
                referralLocations.add(location(answer.get(), 2));
            }
            assertEquals(1, referralLocations.size(), "every retry answered with the same ServiceRequest");
        } finally {
            pool.shutdownNow();
        }
        Bundle patients = server.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(Referrals.PATIENT_SYSTEM, mrn))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, patients.getTotal(), "conditional create made one Patient");
        Bundle referrals = server.client().search().forResource(ServiceRequest.class)
                .where(ServiceRequest.IDENTIFIER.exactly().systemAndCode(Referrals.REFERRAL_SYSTEM, referralId))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, referrals.getTotal());
        onlyTaskOf((ServiceRequest) referrals.getEntryFirstRep().getResource());
    }

    @Test
    void concurrentReferralsOfOneRequesterAllSucceedWithOnePractitioner() throws Exception {
        String npi = "77" + Referrals.unique();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Bundle>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Bundle bundle = Referrals.minimalBundle(Referrals.unique(), Referrals.unique());
                // every referral names the same clinician, found or created by a conditional create: the losers of the
                // race on its claim are retried, and each retry must resolve its own references afresh
                ((Practitioner) bundle.getEntry().get(1).getResource()).getIdentifierFirstRep().setValue(npi);
                bundle.getEntry().get(1).getRequest().setIfNoneExist("identifier=http://hl7.org/fhir/sid/us-npi|" + npi);
                answers.add(pool.submit(() -> server.client().transaction().withBundle(bundle).execute()));
            }
            Set<String> requesters = new HashSet<>();
            for (Future<Bundle> answer : answers) {
                requesters.add(location(answer.get(), 1));
            }
            assertEquals(1, requesters.size(), "one Practitioner for all six referrals");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void referrerSuppliedTaskIsTheOnlyTask() {
        Bundle bundle = Referrals.minimalBundle(Referrals.unique(), Referrals.unique());
        String referralUrl = bundle.getEntry().get(2).getFullUrl();
        ServiceRequest referral = (ServiceRequest) bundle.getEntry().get(2).getResource();
        Task task = new Task();
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.getCode().addCoding().setSystem("http://hl7.org/fhir/CodeSystem/task-code").setCode("fulfill");
        task.setFocus(new Reference(referralUrl));
        task.setFor(new Reference(referral.getSubject().getReference()));
        task.setRequester(new Reference(referral.getRequester().getReference()));
        task.setOwner(new Reference("Organization/peerbridge-program"));
        task.setDescription("Supplied by the referring EHR");
        Referrals.add(bundle, task);

        Bundle response = server.client().transaction().withBundle(bundle).execute();
        Task only = onlyTaskOf(server.client().read().resource(ServiceRequest.class).withId(location(response, 2)).execute());
        assertEquals("Supplied by the referring EHR", only.getDescription());
        assertEquals(location(response, 3), "Task/" + only.getIdElement().getIdPart());
    }

    @Test
    void secondFulfilmentTaskForAReferralIsRefused() {
        Bundle response = server.client().transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
        ServiceRequest referral = server.client().read().resource(ServiceRequest.class).withId(location(response, 2)).execute();
        Task existing = onlyTaskOf(referral);
        Task second = existing.copy();
        second.setId((String) null);
        second.setMeta(null);
        try {
            server.client().create().resource(second).execute();
            throw new AssertionError("a second fulfilment Task was accepted");
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException expected) {
            assertEquals(409, expected.getStatusCode());
            OperationOutcome outcome = (OperationOutcome) expected.getOperationOutcome();
            assertEquals("Task.focus", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        }
        onlyTaskOf(referral);
    }

    @Test
    void plainPostAgainstExistingPatientWorksAndIsIdempotent() {
        MethodOutcome patient = server.client().create().resource(Referrals.patient(Referrals.unique())).execute();
        MethodOutcome practitioner = server.client().create().resource(Referrals.practitioner()).execute();
        String referralId = Referrals.unique();
        ServiceRequest referral = Referrals.serviceRequest(referralId, patient.getId().toUnqualifiedVersionless().getValue(),
                practitioner.getId().toUnqualifiedVersionless().getValue());

        MethodOutcome created = server.client().create().resource(referral).execute();
        assertTrue(Boolean.TRUE.equals(created.getCreated()));
        MethodOutcome again = server.client().create().resource(referral).execute();
        assertFalse(Boolean.TRUE.equals(again.getCreated()), "same identifier: no new referral");
        assertEquals(created.getId().toUnqualifiedVersionless(), again.getId().toUnqualifiedVersionless());

        MethodOutcome conditional = server.client().create().resource(referral)
                .conditionalByUrl("ServiceRequest?identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralId).execute();
        assertEquals(created.getId().toUnqualifiedVersionless(), conditional.getId().toUnqualifiedVersionless());
        onlyTaskOf(server.client().read().resource(ServiceRequest.class).withId(created.getId().toUnqualifiedVersionless()).execute());
    }

    @Test
    void referralToUnknownPatientIsRefusedWithItsLocation() {
        ServiceRequest referral = Referrals.serviceRequest(Referrals.unique(), "Patient/does-not-exist", "Organization/peerbridge-program");
        try {
            server.client().create().resource(referral).execute();
            throw new AssertionError("accepted a referral for a patient that does not exist");
        } catch (UnprocessableEntityException expected) {
            OperationOutcome outcome = (OperationOutcome) expected.getOperationOutcome();
            assertEquals(OperationOutcome.IssueType.NOTFOUND, outcome.getIssueFirstRep().getCode());
            assertEquals("ServiceRequest.subject", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        }
    }

    @Test
    void failingEntryLeavesNothingStored() {
        String mrn = Referrals.unique();
        Bundle bundle = Referrals.minimalBundle(mrn, Referrals.unique());
        ServiceRequest referral = (ServiceRequest) bundle.getEntry().get(2).getResource();
        referral.setReasonReference(List.of(new Reference("urn:uuid:" + java.util.UUID.randomUUID())));
        try {
            server.client().transaction().withBundle(bundle).execute();
            throw new AssertionError("a Bundle with an unresolvable reference was accepted");
        } catch (UnprocessableEntityException expected) {
            OperationOutcome outcome = (OperationOutcome) expected.getOperationOutcome();
            assertEquals("Bundle.entry[2].resource.reasonReference[0]", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        }
        assertEquals(0, server.client().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(Referrals.PATIENT_SYSTEM, mrn))
                .returnBundle(Bundle.class).execute().getTotal(), "the Patient entry was rolled back");
    }

    @Test
    void batchReportsEachEntryOnItsOwn() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(Referrals.patient(Referrals.unique())).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        batch.addEntry().setResource(Referrals.serviceRequest(Referrals.unique(), "Patient/nobody", "Organization/peerbridge-program"))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Organization/peerbridge-program");

        Bundle response = server.client().transaction().withBundle(batch).execute();
        assertEquals(Bundle.BundleType.BATCHRESPONSE, response.getType());
        assertEquals("201 Created", response.getEntry().get(0).getResponse().getStatus());
        assertTrue(response.getEntry().get(1).getResponse().getStatus().startsWith("422"));
        assertTrue(response.getEntry().get(1).getResponse().getOutcome() instanceof OperationOutcome);
        assertEquals("200 OK", response.getEntry().get(2).getResponse().getStatus());
    }

    private static Task onlyTaskOf(ServiceRequest referral) {
        Bundle tasks = server.client().search().forResource(Task.class)
                .where(Task.FOCUS.hasId("ServiceRequest/" + referral.getIdElement().getIdPart()))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, tasks.getTotal(), "exactly one fulfilment Task per referral");
        return (Task) tasks.getEntryFirstRep().getResource();
    }

    private static String location(Bundle response, int entry) {
        return response.getEntry().get(entry).getResponse().getLocation().replaceFirst("/_history/.*", "");
    }

    private static int count(String type) {
        return server.client().search().forResource(type).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class).execute().getTotal();
    }
}
