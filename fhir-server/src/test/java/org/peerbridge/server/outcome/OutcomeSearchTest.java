package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.RunningServer;

/**
 * Every search of the Search section, on data where a wrong filter would show: two referrals
 * (two patients), several instruments and dates, one safety alert.
 */
class OutcomeSearchTest extends OutcomeApiTest {

    /** The data, made once per server (each database gets its own). */
    private static Data data;

    private record Data(RunningServer server, Referrals.Sent a, Referrals.Sent b, IdType aPhq9January, IdType aGad7January,
                        IdType aPhq9February, IdType bPhq9January) {
    }

    @BeforeEach
    void data() {
        if (data == null || data.server() != server) {
            Referrals.Sent a = Sessions.acceptedReferral(server.client());
            Referrals.Sent b = Sessions.acceptedReferral(server.client());
            IdType aPhq9January = create(Responses.answered(Responses.PHQ9, a, "2026-01-05T09:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 1));
            IdType aGad7January = create(Responses.answered(Responses.GAD7, a, "2026-01-05T09:10:00Z", 1, 1, 1, 1, 1, 1, 1));
            QuestionnaireResponse versioned = Responses.answered(Responses.PHQ9, a, "2026-02-04T09:00:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 0);
            versioned.setQuestionnaire(Responses.PHQ9 + "|1.0.0");
            IdType aPhq9February = create(versioned);
            IdType bPhq9January = create(Responses.answered(Responses.PHQ9, b, "2026-01-10T09:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0, 0));
            data = new Data(server, a, b, aPhq9January, aGad7January, aPhq9February, bPhq9January);
        }
    }

    @Test
    void questionnaireResponsesByPatientQuestionnaireAuthoredBasedOnAndStatus() {
        assertEquals(ids(data.aPhq9January(), data.aGad7January(), data.aPhq9February()),
                ids("QuestionnaireResponse?patient=" + data.a().patientReference() + "&_sort=authored"));
        assertEquals(ids(data.bPhq9January()), ids("QuestionnaireResponse?based-on=" + data.b().requestReference()));
        assertEquals(ids(data.aPhq9January(), data.aPhq9February()), ids("QuestionnaireResponse?patient=" + data.a().patientReference()
                + "&questionnaire=" + Responses.PHQ9 + "&_sort=authored"));
        assertEquals(ids(data.aPhq9February()), ids("QuestionnaireResponse?based-on=" + data.a().requestReference()
                + "&questionnaire=" + Responses.PHQ9 + "|1.0.0"), "a versioned canonical is found by url|version");
        assertEquals(ids(data.aPhq9February()), ids("QuestionnaireResponse?based-on=" + data.a().requestReference()
                + "&authored=ge2026-02-01"));
        assertEquals(ids(data.aPhq9January(), data.aGad7January()), ids("QuestionnaireResponse?based-on=" + data.a().requestReference()
                + "&authored=2026-01-05&_sort=authored"));
        assertEquals(3, search("QuestionnaireResponse?based-on=" + data.a().requestReference() + "&status=completed").getTotal());
        assertEquals(0, search("QuestionnaireResponse?based-on=" + data.a().requestReference() + "&status=amended").getTotal());
    }

    @Test
    void observationsByPatientCodeDateBasedOnDerivedFromAndCategory() {
        String phq9Total = LOINC + "|44261-6";
        assertEquals(List.of(17, 8), values("Observation?patient=" + data.a().patientReference() + "&code=" + phq9Total + "&_sort=date"));
        assertEquals(List.of(8, 17), values("Observation?patient=" + data.a().patientReference() + "&code=" + phq9Total + "&_sort=-date"));
        assertEquals(List.of(7), values("Observation?based-on=" + data.a().requestReference() + "&code=" + LOINC + "|70274-6"));
        assertEquals(List.of(8), values("Observation?based-on=" + data.a().requestReference() + "&date=ge2026-02-01"));
        assertEquals(List.of(17, 7), values("Observation?based-on=" + data.a().requestReference() + "&date=lt2026-01-06&_sort=date"));
        assertEquals(List.of(0), values("Observation?derived-from=QuestionnaireResponse/" + data.bPhq9January().getIdPart()));
        assertEquals(3, search("Observation?patient=" + data.a().patientReference()
                + "&category=http://terminology.hl7.org/CodeSystem/observation-category|survey").getTotal());
        assertEquals(0, search("Observation?patient=" + data.a().patientReference()
                + "&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory").getTotal());
    }

    @Test
    void observationsPageWithCountAndBringTheirResponsesAlong() {
        String chart = "Observation?patient=" + data.a().patientReference() + "&_sort=date&_count=2";
        Bundle first = search(chart);
        assertEquals(3, first.getTotal());
        assertEquals(2, first.getEntry().size());
        assertNotNull(first.getLink("next"), "a next page");
        Bundle second = server.client().loadPage().next(first).execute();
        assertEquals(List.of(8), second.getEntry().stream().map(e -> ((Observation) e.getResource()).getValueQuantity().getValue().intValue())
                .toList());

        Bundle withResponses = search("Observation?based-on=" + data.b().requestReference() + "&_include=Observation:derived-from");
        assertEquals(1, withResponses.getTotal(), "the total counts matches only");
        assertEquals(List.of("Observation", "QuestionnaireResponse"),
                withResponses.getEntry().stream().map(e -> e.getResource().fhirType()).toList());
        assertEquals(Bundle.SearchEntryMode.INCLUDE, withResponses.getEntry().get(1).getSearch().getMode());
        assertEquals(data.bPhq9January().getIdPart(), withResponses.getEntry().get(1).getResource().getIdElement().getIdPart());
    }

    @Test
    void flagsByPatientStatusAndDate() {
        assertEquals(1, search("Flag?patient=" + data.a().patientReference()).getTotal());
        assertEquals(0, search("Flag?patient=" + data.b().patientReference()).getTotal());
        assertEquals(1, search("Flag?patient=" + data.a().patientReference() + "&status=active").getTotal());
        assertEquals(0, search("Flag?patient=" + data.a().patientReference() + "&status=inactive").getTotal());
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertEquals(1, search("Flag?patient=" + data.a().patientReference() + "&date=le" + today + "T23:59:59Z").getTotal());
        assertEquals(0, search("Flag?patient=" + data.a().patientReference() + "&date=lt2020-01-01").getTotal());
    }

    @Test
    void communicationsByRecipientStatusAndBasedOn() {
        String clinicianA = data.a().request().getRequester().getReference();
        String clinicianB = data.b().request().getRequester().getReference();
        assertEquals(1, search("Communication?recipient=" + clinicianA).getTotal());
        assertEquals(0, search("Communication?recipient=" + clinicianB).getTotal());
        assertEquals(1, search("Communication?recipient=" + clinicianA + "&status=completed").getTotal());
        assertEquals(0, search("Communication?recipient=" + clinicianA + "&status=in-progress").getTotal());
        assertEquals(1, search("Communication?based-on=" + data.a().requestReference()).getTotal());
        assertEquals(0, search("Communication?based-on=" + data.b().requestReference()).getTotal());
    }

    private static List<String> ids(IdType... responses) {
        return java.util.Arrays.stream(responses).map(IdType::getIdPart).toList();
    }

    private static List<String> ids(String url) {
        return search(url).getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(Resource::getIdElement)
                .map(IdType::getIdPart).toList();
    }

    private static List<Integer> values(String url) {
        return search(url).getEntry().stream().map(e -> ((Observation) e.getResource()).getValueQuantity().getValue().intValue())
                .toList();
    }
}
