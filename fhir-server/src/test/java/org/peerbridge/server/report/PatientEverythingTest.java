package org.peerbridge.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** Patient/[id]/$everything over HTTP: what it holds, its pages, _since and _type, refusals, and who sees what. */
class PatientEverythingTest extends ServerTest {

    private IGenericClient program;
    private Referrals.Sent referral;
    private QuestionnaireResponse response;

    @BeforeEach
    void aCourseWithASessionAndAScore() {
        program = server.client();
        referral = Sessions.acceptedReferral(program);
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        Sessions.record(program, Sessions.attended(referral, supporter.role()));
        response = (QuestionnaireResponse) program.create()
                .resource(Responses.answered(Responses.GAD7, referral, "2025-06-11T10:00:00Z", 1, 1, 1, 1, 1, 1, 1)).execute().getResource();
    }

    @Test
    void everythingOfThePatientInPagesWithWorkingNextLinks() {
        Bundle page = everything(program, "_count=3");
        assertEquals(Bundle.BundleType.SEARCHSET, page.getType());
        int total = page.getTotal();
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            pages++;
            assertTrue(page.getEntry().size() <= 3);
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : program.loadPage().next(page).execute();
        }
        assertEquals(total, seen.size(), "the pages together hold the total");
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no resource twice");
        assertTrue(pages >= 3, "7 resources in pages of 3");
        assertEquals(referral.patientReference(), seen.get(0), "the patient comes first");
        Set<String> types = new HashSet<>();
        seen.forEach(reference -> types.add(reference.split("/")[0]));
        assertEquals(Set.of("Patient", "ServiceRequest", "Task", "Encounter", "Procedure", "QuestionnaireResponse", "Observation"), types);
        assertTrue(seen.contains(referral.requestReference()) && seen.contains("QuestionnaireResponse/" + response.getIdElement().getIdPart()));
    }

    @Test
    void typeAndSinceNarrowIt() {
        assertEquals(Set.of("Encounter", "Observation"), types(everything(program, "_type=Observation,Encounter")));
        String since = response.getMeta().getLastUpdatedElement().getValueAsString();
        assertEquals(Set.of("QuestionnaireResponse", "Observation"), types(everything(program, "_since=" + since.replace("+", "%2B"))),
                "only what changed since the response was stored (with its score)");
        assertEquals(0, everything(program, "_count=0").getEntry().size());
        assertEquals(7, everything(program, "_count=0").getTotal());
    }

    @Test
    void postWithoutParametersIsTheSame() {
        Bundle page = program.operation().onInstance(referral.patientReference()).named("$everything")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();
        assertEquals(7, page.getTotal());
    }

    @Test
    void badParametersAre400AtTheParameter() {
        for (String[] bad : new String[][] {{"_since=yesterday", "http._since"}, {"_type=Medication", "http._type"},
                {"start=2025-01-01", "http.start"}, {"_count=-1", "http._count"}, {"colour=blue", "http.colour"}}) {
            HttpResponse<String> answer = server.send("GET", "/" + referral.patientReference() + "/$everything?" + bad[0], null, null);
            assertEquals(400, answer.statusCode(), bad[0] + ": " + answer.body());
            assertTrue(answer.body().contains(bad[1]), bad[0] + ": " + answer.body());
        }
    }

    @Test
    void anUnknownPatientIs404() {
        Refusals.refused(404, () -> everything(program, "_count=5", "Patient/no-such-patient"));
    }

    @Test
    void anEhrSeesOnlyItsOwnPatientsRecord() {
        String run = Referrals.unique();
        IGenericClient hospitalA = server.clientFor("everything-a-" + run, "Organization/everything-a-" + run, "system/*.cruds");
        IGenericClient hospitalB = server.clientFor("everything-b-" + run, "Organization/everything-b-" + run, "system/*.cruds");
        Referrals.Sent ofA = Referrals.send(hospitalA);
        Task accepted = ofA.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        program.update().resource(accepted).execute();
        program.create().resource(Responses.answered(Responses.PHQ2, ofA, "2025-06-11T10:00:00Z", 1, 1)).execute();

        Bundle ofPatientA = everything(hospitalA, "_count=50", ofA.patientReference());
        assertEquals(Set.of("Patient", "ServiceRequest", "Task", "QuestionnaireResponse", "Observation"), types(ofPatientA),
                "what the program recorded on A's referral is A's to see");
        assertEquals(5, ofPatientA.getTotal());
        Refusals.refused(404, () -> everything(hospitalB, "_count=50", ofA.patientReference()));
        Refusals.refused(404, () -> everything(hospitalA, "_count=50", referral.patientReference()));
        IGenericClient patientsOnly = server.clientFor("everything-c-" + run, "Organization/everything-a-" + run, "system/Patient.rs");
        assertEquals(Set.of("Patient"), types(everything(patientsOnly, "_count=50", ofA.patientReference())),
                "types the token may not read are left out");
    }

    private Bundle everything(IGenericClient client, String query) {
        return everything(client, query, referral.patientReference());
    }

    private static Bundle everything(IGenericClient client, String query, String patient) {
        return client.search().byUrl(server.baseUrl() + "/" + patient + "/$everything?" + query).returnBundle(Bundle.class).execute();
    }

    private static Set<String> types(Bundle bundle) {
        Set<String> types = new HashSet<>();
        bundle.getEntry().forEach(e -> types.add(e.getResource().fhirType()));
        return types;
    }

}
