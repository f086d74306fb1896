package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;

/** Responses are checked, scored and charted; amendments revise the score; refusals store nothing. */
class OutcomesTest extends ServerTest {

    private static final String TIME_POINT = "http://peerbridge.org/fhir/CodeSystem/assessment-time-point";

    @Test
    void responseIsScoredIntoAChartableObservation() {
        Referrals.Sent referral = Referrals.send(server.client());
        IdType id = create(Responses.answered(Responses.PHQ9, referral, "2026-03-02T10:00:00Z", 2, 2, 1, 1, 2, 1, 1, 2, 0));

        QuestionnaireResponse stored = server.client().read().resource(QuestionnaireResponse.class).withId(id).execute();
        QuestionnaireResponse.QuestionnaireResponseItemComponent total = stored.getItem().stream()
                .filter(item -> item.getLinkId().equals("44261-6")).findFirst().orElseThrow();
        assertEquals(12, total.getAnswerFirstRep().getValueIntegerType().getValue(), "the server filled in the total");

        Bundle found = search("Observation?derived-from=QuestionnaireResponse/" + id.getIdPart() + "&_include=Observation:derived-from");
        assertEquals(1, found.getTotal());
        Observation score = (Observation) found.getEntry().get(0).getResource();
        assertEquals("final", score.getStatus().toCode());
        assertTrue(score.getCode().hasCoding("http://loinc.org", "44261-6"));
        assertEquals(12, score.getValueQuantity().getValue().intValue());
        assertEquals("{score}", score.getValueQuantity().getCode());
        assertEquals("phq9-moderate", score.getInterpretationFirstRep().getCodingFirstRep().getCode());
        assertTrue(score.getCategoryFirstRep().hasCoding("http://terminology.hl7.org/CodeSystem/observation-category", "survey"));
        assertEquals(referral.patientReference(), score.getSubject().getReference());
        assertEquals(referral.requestReference(), score.getBasedOnFirstRep().getReference());
        assertEquals("2026-03-02T10:00:00Z", score.getEffectiveDateTimeType().getValueAsString());
        assertEquals(2, found.getEntry().size(), "_include brings the response along");
        assertEquals("QuestionnaireResponse", found.getEntry().get(1).getResource().fhirType());
    }

    @Test
    void scoresChartOverTimeWithTheirTimePoints() {
        Referrals.Sent referral = Referrals.send(server.client());
        create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 3, 3, 2, 2, 2, 2, 2));
        create(Responses.answered(Responses.GAD7, referral, "2026-04-03", 1, 1, 1, 1, 1, 1, 1));

        Bundle chart = search("Observation?patient=" + referral.patientReference()
                + "&code=http://loinc.org|70274-6&_sort=date&_count=10");
        assertEquals(2, chart.getTotal());
        List<Integer> values = chart.getEntry().stream()
                .map(entry -> ((Observation) entry.getResource()).getValueQuantity().getValue().intValue()).toList();
        assertEquals(List.of(16, 7), values, "oldest first");
        assertEquals(1, search("Observation?based-on=" + referral.requestReference() + "&time-point=" + TIME_POINT + "|baseline").getTotal());
        Bundle day30 = search("Observation?based-on=" + referral.requestReference() + "&time-point=" + TIME_POINT + "|day-30");
        assertEquals(1, day30.getTotal());
        assertEquals(7, ((Observation) day30.getEntryFirstRep().getResource()).getValueQuantity().getValue().intValue());
    }

    @Test
    void amendmentRevisesTheScoreInPlace() {
        Referrals.Sent referral = Referrals.send(server.client());
        QuestionnaireResponse response = Responses.answered(Responses.WHO5, referral, "2026-03-02", 1, 1, 2, 2, 1);
        IdType id = create(response);
        Observation before = onlyScoreOf(id);
        assertEquals(28, before.getValueQuantity().getValue().intValue(), "WHO-5 raw 7 x 4");

        QuestionnaireResponse amended = Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 3, 3, 3);
        amended.setId(id.toUnqualifiedVersionless());
        amended.setStatus(QuestionnaireResponseStatus.AMENDED);
        server.client().update().resource(amended).execute();

        Observation after = onlyScoreOf(id);
        assertEquals(before.getIdElement().getIdPart(), after.getIdElement().getIdPart(), "the same Observation, revised");
        assertEquals("amended", after.getStatus().toCode());
        assertEquals(60, after.getValueQuantity().getValue().intValue());
        assertEquals("2", after.getMeta().getVersionId());
    }

    @Test
    void changeWithoutAmendedStatusIsRefused() {
        Referrals.Sent referral = Referrals.send(server.client());
        IdType id = create(Responses.answered(Responses.WHO5, referral, "2026-03-02", 1, 1, 2, 2, 1));
        QuestionnaireResponse changed = Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 3, 3, 3);
        changed.setId(id.toUnqualifiedVersionless());

        OperationOutcome outcome = refused(() -> server.client().update().resource(changed).execute());
        assertEquals("QuestionnaireResponse.status", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(28, onlyScoreOf(id).getValueQuantity().getValue().intValue(), "score unchanged");
    }

    @Test
    void invalidResponsesAreRefusedWithTheirLocationAndStoreNothing() {
        Referrals.Sent referral = Referrals.send(server.client());

        QuestionnaireResponse unknownItem = Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
        unknownItem.getItem().get(2).setLinkId("not-an-item");
        assertEquals("QuestionnaireResponse.item[2].linkId", firstLocation(refused(() -> create(unknownItem))));

        QuestionnaireResponse wrongTotal = Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
        wrongTotal.addItem().setLinkId("70274-6").addAnswer().setValue(new org.hl7.fhir.r4.model.IntegerType(20));
        assertTrue(firstLocation(refused(() -> create(wrongTotal))).startsWith("QuestionnaireResponse.item[7]"));

        QuestionnaireResponse otherPatient = Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
        otherPatient.setSubject(new Reference(Referrals.send(server.client()).patientReference()));
        assertEquals("QuestionnaireResponse.subject", firstLocation(refused(() -> create(otherPatient))));

        QuestionnaireResponse foreignCode = Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
        foreignCode.getItem().get(0).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA0000-0", "Sometimes"));
        assertEquals("QuestionnaireResponse.item[0].answer[0]", firstLocation(refused(() -> create(foreignCode))).replaceFirst("\\.value.*", ""));

        assertEquals(0, search("QuestionnaireResponse?based-on=" + referral.requestReference()).getTotal());
        assertEquals(0, search("Observation?based-on=" + referral.requestReference()).getTotal());
    }

    @Test
    void questionnairesArePublishedReadOnlyAndSearchable() {
        assertEquals(5, search("Questionnaire?status=active").getTotal());
        Bundle phq9 = search("Questionnaire?url=" + Responses.PHQ9 + "&version=1.0.0");
        assertEquals(1, phq9.getTotal());
        Questionnaire questionnaire = (Questionnaire) phq9.getEntryFirstRep().getResource();
        assertTrue(questionnaire.getCodeFirstRep().getSystem().equals("http://loinc.org"));
        assertEquals(1, search("Questionnaire?code=http://loinc.org|44249-1").getTotal());
        assertEquals(1, search("Questionnaire?name=GAD").getTotal());
        assertThrows(MethodNotAllowedException.class, () -> server.client().update().resource(questionnaire).execute());
    }

    private static Observation onlyScoreOf(IdType response) {
        Bundle scores = search("Observation?derived-from=QuestionnaireResponse/" + response.getIdPart());
        assertEquals(1, scores.getTotal(), "one score per response");
        return (Observation) scores.getEntryFirstRep().getResource();
    }

    static IdType create(QuestionnaireResponse response) {
        MethodOutcome outcome = server.client().create().resource(response).execute();
        assertTrue(Boolean.TRUE.equals(outcome.getCreated()));
        return (IdType) outcome.getId().toUnqualifiedVersionless();
    }

    static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    static OperationOutcome refused(Runnable request) {
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class, request::run);
        return (OperationOutcome) refused.getOperationOutcome();
    }

    private static String firstLocation(OperationOutcome outcome) {
        assertFalse(outcome.getIssue().isEmpty());
        return outcome.getIssueFirstRep().getExpression().get(0).getValue();
    }
}
