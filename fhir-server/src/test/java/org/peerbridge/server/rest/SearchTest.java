package org.peerbridge.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** Searches an EHR and the program run: by every supported parameter, with includes, paging and sorting. */
class SearchTest extends ServerTest {

    /** One referral per test, with a requester unique to it, so counts are exact. */
    private String requester;
    private String referral;
    private String patient;
    private String mrn;
    private String referralId;

    @BeforeEach
    void newReferral() {
        mrn = Referrals.unique();
        referralId = Referrals.unique();
        Bundle response = server.client().transaction().withBundle(Referrals.minimalBundle(mrn, referralId)).execute();
        patient = location(response, 0);
        requester = location(response, 1);
        referral = location(response, 2);
    }

    @Test
    void serviceRequestByEverySupportedParameter() {
        String since = "ge" + server.client().read().resource(ServiceRequest.class).withId(referral).execute()
                .getMeta().getLastUpdatedElement().getValueAsString();
        for (String query : List.of(
                "subject=" + patient, "patient=" + patient, "patient=" + patient.substring(8),
                "identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralId, "identifier=" + referralId,
                "requester=" + requester, "status=active", "code=" + Referrals.SNOMED + "|" + Referrals.PEER_SUPPORT_REFERRAL,
                "authored=ge2020-01-01", "_lastUpdated=" + since, "_id=" + referral.substring("ServiceRequest/".length()),
                "intent=order")) {
            Bundle result = search("ServiceRequest?requester=" + requester + "&" + query);
            assertEquals(1, result.getTotal(), query);
        }
        assertEquals(0, search("ServiceRequest?requester=" + requester + "&status=revoked").getTotal());
        assertEquals(0, search("ServiceRequest?requester=" + requester + "&authored=lt2020-01-01").getTotal());
        assertEquals(0, search("ServiceRequest?requester=" + requester + "&status:not=active").getTotal());
    }

    @Test
    void taskByEverySupportedParameterAndTheSdohPollingQuery() {
        Task task = (Task) search("Task?focus=" + referral).getEntryFirstRep().getResource();
        String before = task.getMeta().getLastUpdatedElement().getValueAsString();
        for (String query : List.of("owner=Organization/peerbridge-program", "requester=" + requester, "status=requested",
                "business-status=2.0", "patient=" + patient, "code=fulfill", "_lastUpdated=ge" + before)) {
            assertEquals(1, search("Task?focus=" + referral + "&" + query).getTotal(), query);
        }
        Bundle polled = search("Task?owner=Organization/peerbridge-program&_lastUpdated=gt" + before);
        assertTrue(polled.getEntry().stream().noneMatch(e -> e.getResource().getIdElement().getIdPart()
                .equals(task.getIdElement().getIdPart())), "gt excludes the unchanged Task");
        task.setStatus(Task.TaskStatus.ACCEPTED);
        server.client().update().resource(task).execute();
        polled = search("Task?owner=Organization/peerbridge-program&_lastUpdated=gt" + before);
        assertTrue(polled.getEntry().stream().anyMatch(e -> e.getResource().getIdElement().getIdPart()
                .equals(task.getIdElement().getIdPart())), "the changed Task shows up in the poll");
    }

    @Test
    void patientByIdentifierNameAndBirthdate() {
        for (String query : List.of("identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn, "name=testper", "name=ALEX",
                "family:exact=Testperson", "birthdate=1990-04-12", "birthdate=1990-04", "birthdate=ge1990-01-01", "gender=other")) {
            assertEquals(1, search("Patient?_id=" + patient.substring(8) + "&" + query).getTotal(), query);
        }
        assertEquals(0, search("Patient?_id=" + patient.substring(8) + "&name=nobody").getTotal());
        assertEquals(0, search("Patient?_id=" + patient.substring(8) + "&birthdate=1990-05").getTotal());
    }

    @Test
    void includesAndRevincludesBringTheLinkedResources() {
        Bundle tasks = search("Task?focus=" + referral + "&_include=Task:focus");
        assertEquals(List.of("Task", "ServiceRequest"), types(tasks));
        assertEquals("include", tasks.getEntry().get(1).getSearch().getMode().toCode());
        assertEquals(1, tasks.getTotal(), "total counts matches only");

        Bundle referrals = search("ServiceRequest?_id=" + referral.substring(15)
                + "&_include=ServiceRequest:subject&_include=ServiceRequest:requester&_revinclude=Task:focus");
        Set<String> included = new HashSet<>(types(referrals));
        assertEquals(Set.of("ServiceRequest", "Patient", "Practitioner", "Task"), included);
    }

    @Test
    void pagingFollowsNextLinksThroughEveryMatch() {
        for (int i = 0; i < 4; i++) {
            server.client().transaction().withBundle(Referrals.minimalBundle(mrn, Referrals.unique())).execute();
        }
        Bundle page = search("ServiceRequest?patient=" + patient + "&_count=2&_sort=authored");
        assertEquals(5, page.getTotal());
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            pages++;
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null
                    : server.client().loadPage().next(page).execute();
        }
        assertEquals(3, pages);
        assertEquals(5, new HashSet<>(seen).size(), "every match exactly once across pages");
    }

    @Test
    void sortOrdersByTheParameter() {
        server.client().transaction().withBundle(Referrals.minimalBundle(mrn, Referrals.unique())).execute();
        List<String> ascending = ids(search("ServiceRequest?patient=" + patient + "&_sort=_lastUpdated"));
        List<String> descending = ids(search("ServiceRequest?patient=" + patient + "&_sort=-_lastUpdated"));
        assertEquals(2, ascending.size());
        assertEquals(ascending.get(0), descending.get(1));
        assertEquals(ascending.get(1), descending.get(0));
    }

    @Test
    void chainedSearchFindsReferralsAndTasksByTheIdentifiersAnEhrKnows() {
        String npi = server.client().read().resource(org.hl7.fhir.r4.model.Practitioner.class).withId(requester).execute()
                .getIdentifierFirstRep().getValue();
        String byMrn = Referrals.PATIENT_SYSTEM + "|" + mrn;
        for (String query : List.of("subject:Patient.identifier=" + byMrn, "patient:Patient.identifier=" + byMrn,
                "patient.identifier=" + byMrn, "subject:Patient.identifier=" + mrn,
                "requester:Practitioner.identifier=http://hl7.org/fhir/sid/us-npi|" + npi,
                "subject:Patient.identifier=" + byMrn + "&status=active&authored=ge2020-01-01",
                "subject:Patient.family=testperson&identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralId)) {
            Bundle found = search("ServiceRequest?" + query);
            assertEquals(List.of(referral), references(found), query);
            assertEquals(1, found.getTotal(), query);
        }
        assertEquals(0, search("ServiceRequest?subject:Patient.identifier=" + byMrn + "&status=revoked").getTotal());
        assertEquals(0, search("ServiceRequest?subject:Patient.identifier=" + Referrals.PATIENT_SYSTEM + "|no-" + mrn).getTotal());
        assertEquals(0, search("ServiceRequest?subject:Patient.identifier=other-system|" + mrn).getTotal());
        Bundle tasks = search("Task?focus:ServiceRequest.identifier=" + Referrals.REFERRAL_SYSTEM + "|" + referralId
                + "&patient:Patient.identifier=" + byMrn);
        assertEquals(1, tasks.getTotal());
        assertEquals(referral, ((Task) tasks.getEntryFirstRep().getResource()).getFocus().getReference());
    }

    @Test
    void aChainThatCannotBeAnsweredIs400WithTheParameterAsLocation() {
        assertBadSearch("ServiceRequest?subject.identifier=x", "http.subject.identifier");
        assertBadSearch("ServiceRequest?status.identifier=x", "http.status.identifier");
        assertBadSearch("ServiceRequest?subject:Patient.colour=x", "http.subject:Patient.colour");
        assertBadSearch("ServiceRequest?subject:Patient.organization.name=x", "http.subject:Patient.organization.name");
        assertBadSearch("ServiceRequest?patient:Practitioner.identifier=x", "http.patient:Practitioner.identifier");
        assertBadSearch("ServiceRequest?subject:Patient.birthdate=yesterday", "http.subject:Patient.birthdate");
    }

    @Test
    void unknownParameterAndBadValuesAre400WithTheParameterAsLocation() {
        assertBadSearch("ServiceRequest?colour=blue", "http.colour");
        assertBadSearch("ServiceRequest?authored=yesterday", "http.authored");
        assertBadSearch("ServiceRequest?authored=xx2024-01-01", "http.authored");
        assertBadSearch("Task?_count=many", "http._count");
        assertBadSearch("Task?_sort=colour", "http._sort");
        assertBadSearch("Task?_include=Task:colour", "http._include");
        assertBadSearch("Task?status:fuzzy=requested", "http.status:fuzzy");
    }

    @Test
    void everyAdvertisedSearchParameterIsAccepted() {
        String allowedCodes = "the allowed codes are ";
        var capabilities = server.client().capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
        for (var resource : capabilities.getRestFirstRep().getResource()) {
            for (var param : resource.getSearchParam()) {
                String value = switch (param.getType()) {
                    case DATE -> "ge2000-01-01";
                    case REFERENCE -> "Patient/x";
                    default -> "x";
                };
                HttpResponse<String> answer = searchOne(resource.getType(), param.getName(), value);
                if (answer.statusCode() == 400 && answer.body().contains(allowedCodes)) {
                    // a code of a required binding: the refusal names the allowed codes, and the first of them is accepted
                    String allowed = answer.body().substring(answer.body().indexOf(allowedCodes) + allowedCodes.length());
                    answer = searchOne(resource.getType(), param.getName(), allowed.split("[,\"]")[0].trim());
                }
                assertEquals(200, answer.statusCode(), resource.getType() + "?" + param.getName() + ": " + answer.body());
            }
        }
    }

    private static HttpResponse<String> searchOne(String type, String name, String value) {
        return server.send("GET", "/" + type + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), null, null);
    }

    private static void assertBadSearch(String query, String location) {
        HttpResponse<String> answer = server.send("GET", "/" + query, null, null);
        assertEquals(400, answer.statusCode(), query);
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertEquals(location, outcome.getIssueFirstRep().getLocation().get(0).getValue(), query);
        assertNotNull(outcome.getIssueFirstRep().getDiagnostics());
    }

    private static Bundle search(String query) {
        return server.client().search().byUrl(query).returnBundle(Bundle.class).execute();
    }

    private static List<String> references(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()).toList();
    }

    private static List<String> types(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList();
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(Resource::getIdElement)
                .map(id -> id.getIdPart()).toList();
    }

    private static String location(Bundle response, int entry) {
        return response.getEntry().get(entry).getResponse().getLocation().replaceFirst("/_history/.*", "");
    }
}
