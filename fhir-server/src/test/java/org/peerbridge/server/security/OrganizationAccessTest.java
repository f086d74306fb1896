package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.LogCapture;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;

/**
 * Two EHRs of different organizations refer patients; each sees and changes only its own referrals and
 * what derives from them, in every interaction, while the program sees both and the directory is shared.
 * Each test uses organizations of its own, so totals are exact.
 */
class OrganizationAccessTest extends ServerTest {

    private static final String EHR_SCOPES = "system/*.cruds";

    private IGenericClient hospitalA;
    private IGenericClient hospitalB;
    private Referrals.Sent referralA;
    private Referrals.Sent referralB;

    @BeforeEach
    void twoHospitalsReferOnePatientEach() {
        String run = Referrals.unique();
        hospitalA = server.clientFor("ehr-a-" + run, "Organization/hospital-a-" + run, EHR_SCOPES);
        hospitalB = server.clientFor("ehr-b-" + run, "Organization/hospital-b-" + run, EHR_SCOPES);
        referralA = Referrals.send(hospitalA);
        referralB = Referrals.send(hospitalB);
    }

    @Test
    void anEhrReadsItsOwnReferralTaskAndPatientButNotAnotherOrganizations() {
        assertEquals(referralA.task().getIdElement().getIdPart(), id(hospitalA.read().resource(Task.class).withId(id(referralA.task())).execute()));
        hospitalA.read().resource(Patient.class).withId(referralA.patientReference()).execute();
        for (String reference : List.of(referralA.requestReference(), "Task/" + id(referralA.task()), referralA.patientReference())) {
            assertThrows(ResourceNotFoundException.class, () -> hospitalB.read().resource(reference.split("/")[0]).withId(reference).execute(),
                    reference);
            assertThrows(ResourceNotFoundException.class,
                    () -> hospitalB.read().resource(reference.split("/")[0]).withIdAndVersion(reference.split("/")[1], "1").execute(), reference);
        }
    }

    @Test
    void searchesAndTheirTotalsHoldOnlyTheCallersData() {
        assertEquals(0, total(hospitalB, "ServiceRequest?identifier=" + identifier(referralA)));
        assertEquals(0, total(hospitalB, "Task?focus=" + referralA.requestReference()));
        assertEquals(1, total(hospitalB, "Task?_count=0"));
        assertEquals(1, total(hospitalB, "ServiceRequest?_count=0"));
        assertEquals(1, total(hospitalA, "ServiceRequest?_count=0"));
        assertEquals(1, total(hospitalB, "Patient?_count=0"));
        assertTrue(total(server.client(), "ServiceRequest?_count=0") >= 2, "the program sees both");
    }

    @Test
    void aSharedDirectoryEntryRevealsOnlyTheCallersReferralsThroughRevinclude() {
        Practitioner shared = (Practitioner) server.client().create().resource(Referrals.practitioner()).execute().getResource();
        String practitioner = "Practitioner/" + id(shared);
        for (IGenericClient ehr : List.of(hospitalA, hospitalB)) {
            Referrals.Sent sent = ehr == hospitalA ? referralA : referralB;
            ServiceRequest referral = ehr.read().resource(ServiceRequest.class).withId(sent.requestReference()).execute();
            referral.setRequester(new Reference(practitioner));
            ehr.update().resource(referral).execute();
        }
        Bundle seenByB = hospitalB.search().byUrl("Practitioner?_id=" + id(shared) + "&_revinclude=ServiceRequest:requester")
                .returnBundle(Bundle.class).execute();
        assertEquals(List.of(practitioner, referralB.requestReference()), references(seenByB));
        assertEquals(1, total(hospitalB, "ServiceRequest?requester=" + practitioner));
        assertEquals(2, total(server.client(), "ServiceRequest?requester=" + practitioner));
    }

    @Test
    void anIncludeNeverAddsAnotherOrganizationsResource() {
        Communication note = new Communication();
        note.setStatus(Communication.CommunicationStatus.COMPLETED);
        note.addBasedOn(new Reference(referralB.requestReference()));
        note.addAbout(new Reference(referralA.requestReference()));
        server.client().create().resource(note).execute();
        Bundle seenByB = hospitalB.search().byUrl("Communication?based-on=" + referralB.requestReference() + "&_include=Communication:about")
                .returnBundle(Bundle.class).execute();
        assertEquals(1, seenByB.getTotal());
        assertEquals(1, seenByB.getEntry().size(), "A's referral is not included");
    }

    @Test
    void historyShowsOnlyTheCallersVersions() {
        assertThrows(ResourceNotFoundException.class,
                () -> hospitalB.history().onInstance(referralA.requestReference()).returnBundle(Bundle.class).execute());
        Bundle typeHistory = hospitalB.history().onType(ServiceRequest.class).returnBundle(Bundle.class).execute();
        assertEquals(List.of(referralB.requestReference()), distinct(typeHistory));
        Bundle systemHistory = hospitalB.history().onServer().returnBundle(Bundle.class).count(1000).execute();
        List<String> seen = references(systemHistory);
        assertFalse(seen.contains(referralA.requestReference()) || seen.contains(referralA.patientReference())
                || seen.contains("Task/" + id(referralA.task())), seen.toString());
        assertTrue(seen.contains(referralB.requestReference()));
    }

    @Test
    void batchEntriesReadOnlyTheCallersData() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(referralA.requestReference());
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("ServiceRequest?identifier=" + identifier(referralA));
        Bundle answer = hospitalB.transaction().withBundle(batch).execute();
        assertTrue(answer.getEntry().get(0).getResponse().getStatus().startsWith("404"));
        assertEquals(0, ((Bundle) answer.getEntry().get(1).getResource()).getTotal());
    }

    @Test
    void anotherOrganizationsResourcesCannotBeChangedOrPointedAt() {
        ServiceRequest theirs = server.client().read().resource(ServiceRequest.class).withId(referralA.requestReference()).execute();
        theirs.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThrows(ResourceNotFoundException.class, () -> hospitalB.update().resource(theirs).execute());
        assertThrows(ResourceNotFoundException.class, () -> hospitalB.delete().resourceById("Task", id(referralA.task())).execute());

        Communication message = new Communication();
        message.setStatus(Communication.CommunicationStatus.COMPLETED);
        message.addBasedOn(new Reference(referralA.requestReference()));
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class, () -> hospitalB.create().resource(message).execute());
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());

        Organization directoryEntry = new Organization().setName("Hospital A behavioral health");
        Organization created = (Organization) hospitalA.create().resource(directoryEntry).execute().getResource();
        Organization readByB = hospitalB.read().resource(Organization.class).withId(id(created)).execute();
        readByB.setName("renamed by B");
        assertThrows(ForbiddenOperationException.class, () -> hospitalB.update().resource(readByB).execute());
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE,
                server.client().read().resource(ServiceRequest.class).withId(referralA.requestReference()).execute().getStatus());
    }

    /**
     * B claims an MRN first (conditional create); A's referral for the same MRN still goes through, and B's
     * re-use of A's referral identifier is answered exactly as if A's referral did not exist: claims are per
     * organization. Nothing of it reaches the log.
     */
    @Test
    void identifierClaimsArePerOrganizationAndNeverBlockOrRevealAnother() {
        String mrn = "mrn-" + Referrals.unique();
        String referralIdentifier = "ref-" + Referrals.unique();
        try (LogCapture log = LogCapture.start()) {
            var claimedByB = hospitalB.create().resource(Referrals.patient(mrn))
                    .conditionalByUrl("Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn).execute();
            assertTrue(claimedByB.getCreated());

            Bundle answerToA = hospitalA.transaction().withBundle(Referrals.minimalBundle(mrn, referralIdentifier)).execute();
            String patientOfA = answerToA.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", "");
            assertTrue(answerToA.getEntry().get(0).getResponse().getStatus().startsWith("201"), "A gets a Patient of its own");
            assertFalse(patientOfA.endsWith("/" + claimedByB.getId().getIdPart()));
            Bundle retryOfA = hospitalA.transaction().withBundle(Referrals.minimalBundle(mrn, referralIdentifier)).execute();
            assertTrue(retryOfA.getEntry().get(2).getResponse().getStatus().startsWith("200"), "A's retry finds A's referral");

            Bundle answerToB = hospitalB.transaction().withBundle(Referrals.minimalBundle(mrn, referralIdentifier)).execute();
            IGenericClient hospitalC = server.clientFor("ehr-c-" + Referrals.unique(), "Organization/hospital-c-" + Referrals.unique(), EHR_SCOPES);
            String mrnOfC = "mrn-" + Referrals.unique();
            hospitalC.create().resource(Referrals.patient(mrnOfC)).execute();
            Bundle answerToC = hospitalC.transaction().withBundle(Referrals.minimalBundle(mrnOfC, "ref-" + Referrals.unique())).execute();
            assertEquals(statuses(answerToC), statuses(answerToB), "the same answer as where nobody else used the identifiers");
            assertEquals(1, total(hospitalB, "Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn));
            assertEquals(1, total(hospitalB, "ServiceRequest?identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralIdentifier));
            assertEquals(1, total(hospitalA, "ServiceRequest?identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralIdentifier));
            log.assertNoneContains(mrn, referralIdentifier);
        }
    }

    /**
     * Identical conditional creates racing within one organization, from two of its clients at once, make one
     * Patient; another organization racing on the same MRN gets one of its own and sees only that. The program,
     * which sees every organization's patients, finds the hospital's Patient instead of making another.
     */
    @Test
    void racingConditionalCreatesMakeOnePatientPerOrganization() throws Exception {
        String run = Referrals.unique();
        String hospital = "Organization/race-" + run;
        IGenericClient firstClient = server.clientFor("race-1-" + run, hospital, EHR_SCOPES);
        IGenericClient secondClient = server.clientFor("race-2-" + run, hospital, EHR_SCOPES);
        String mrn = "mrn-" + run;
        String criteria = "Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn;
        List<IGenericClient> racers = List.of(firstClient, secondClient, hospitalB, firstClient, secondClient, hospitalB, firstClient, secondClient);
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        List<String> answered = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (IGenericClient racer : racers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return racer.create().resource(Referrals.patient(mrn)).conditionalByUrl(criteria).execute().getId().getIdPart();
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                answered.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String ofHospital = answered.get(0);
        String ofB = answered.get(2);
        for (int i = 0; i < racers.size(); i++) {
            assertEquals(racers.get(i) == hospitalB ? ofB : ofHospital, answered.get(i), "every racer of one organization got the same Patient");
        }
        assertFalse(ofHospital.equals(ofB), "another organization's Patient is its own");
        assertEquals(1, total(firstClient, criteria));
        assertEquals(1, total(secondClient, criteria));
        assertEquals(1, total(hospitalB, criteria));
        assertEquals(2, total(server.client(), criteria), "the program sees both");

        String onlyTheHospitals = "mrn-" + Referrals.unique();
        String created = firstClient.create().resource(Referrals.patient(onlyTheHospitals)).execute().getId().getIdPart();
        var found = server.client().create().resource(Referrals.patient(onlyTheHospitals))
                .conditionalByUrl("Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + onlyTheHospitals).execute();
        assertEquals(created, found.getId().getIdPart(), "the program's conditional create finds the hospital's Patient");
        assertFalse(Boolean.TRUE.equals(found.getCreated()));
    }

    @Test
    void aChainedSearchFindsOnlyTheCallersReferralsEvenForAnMrnBothHospitalsUse() {
        Patient patientA = server.client().read().resource(Patient.class).withId(referralA.request().getSubject().getReference()).execute();
        String mrn = patientA.getIdentifierFirstRep().getSystem() + "|" + patientA.getIdentifierFirstRep().getValue();
        String query = "ServiceRequest?subject:Patient.identifier=" + mrn;
        assertEquals(0, total(hospitalB, query), "B learns nothing of A's patient through the chain");
        var ownPatient = hospitalB.create().resource(Referrals.patient(patientA.getIdentifierFirstRep().getValue()))
                .conditionalByUrl("Patient?identifier=" + mrn).execute();
        ServiceRequest referral = Referrals.serviceRequest(Referrals.unique(), "Patient/" + ownPatient.getId().getIdPart(),
                referralB.request().getRequester().getReference());
        String referralOfB = "ServiceRequest/" + hospitalB.create().resource(referral).execute().getId().getIdPart();
        assertEquals(List.of(referralOfB), references(hospitalB.search().byUrl(query).returnBundle(Bundle.class).execute()));
        assertEquals(List.of(referralA.requestReference()),
                references(hospitalA.search().byUrl(query).returnBundle(Bundle.class).execute()));
        assertEquals(2, total(server.client(), query), "the program sees both");
        assertEquals(0, total(hospitalB, "Task?focus:ServiceRequest.identifier=" + identifier(referralA)));
        assertEquals(1, total(hospitalA, "Task?focus:ServiceRequest.identifier=" + identifier(referralA)));
    }

    @Test
    void aTaskForAnotherOrganizationsReferralNamesNothingOfIt() {
        Task pointingAtA = referralB.task().copy();
        pointingAtA.setId((String) null);
        pointingAtA.setStatus(Task.TaskStatus.REQUESTED);
        pointingAtA.setFocus(new Reference(referralA.requestReference()));
        OperationOutcome outcome = Refusals.refused(422, () -> hospitalB.create().resource(pointingAtA).execute());
        String told = server.fhir().newJsonParser().encodeResourceToString(outcome);
        assertFalse(told.contains(id(referralA.task())), told);
        assertTrue(told.contains("does not exist"), told);
    }

    /** A response the program records, its score and the safety alert it raises reach the referring EHR only. */
    @Test
    void resourcesDerivedFromAReferralFollowItsAudience() {
        Task accepted = referralA.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        server.client().update().resource(accepted).execute();
        server.client().create().resource(Responses.answered(Responses.PHQ9, referralA, "2024-05-01T10:00:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 1))
                .execute();
        for (String query : List.of("QuestionnaireResponse?based-on=" + referralA.requestReference(),
                "Observation?based-on=" + referralA.requestReference(), "Communication?based-on=" + referralA.requestReference(),
                "Flag?patient=" + referralA.patientReference())) {
            assertEquals(1, total(hospitalA, query), query);
            assertEquals(0, total(hospitalB, query), query);
        }
    }

    private static int total(IGenericClient client, String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute().getTotal();
    }

    private static List<String> statuses(Bundle answer) {
        return answer.getEntry().stream().map(e -> e.getResponse().getStatus()).toList();
    }

    private static String identifier(Referrals.Sent sent) {
        return sent.request().getIdentifierFirstRep().getSystem() + "|" + sent.request().getIdentifierFirstRep().getValue();
    }

    private static List<String> references(Bundle bundle) {
        return bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
                .map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()).toList();
    }

    private static List<String> distinct(Bundle bundle) {
        return references(bundle).stream().distinct().toList();
    }

    private static String id(Resource resource) {
        return resource.getIdElement().getIdPart();
    }
}
