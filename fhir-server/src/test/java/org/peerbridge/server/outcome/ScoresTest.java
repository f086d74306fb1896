package org.peerbridge.server.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;

/** Each response yields one score Observation an EHR can chart; amending the response revises that score. */
class ScoresTest extends OutcomeApiTest {

    @Test
    void theScoreObservationHasEveryElementAChartNeeds() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.PHQ9, referral, "2026-03-02T10:00:00Z", 2, 2, 1, 1, 2, 1, 1, 2, 0));

        Observation score = onlyScoreOf(id);
        assertEquals("final", score.getStatus().toCode());
        assertTrue(score.getCategoryFirstRep().hasCoding("http://terminology.hl7.org/CodeSystem/observation-category", "survey"));
        assertTrue(score.getCode().hasCoding(LOINC, "44261-6"));
        assertEquals(referral.patientReference(), score.getSubject().getReference());
        assertEquals("2026-03-02T10:00:00Z", score.getEffectiveDateTimeType().getValueAsString(), "effective = authored");
        Quantity value = score.getValueQuantity();
        assertEquals(12, value.getValue().intValue());
        assertEquals(List.of("{score}", "{score}", "http://unitsofmeasure.org"), List.of(value.getUnit(), value.getCode(), value.getSystem()));
        assertTrue(score.getInterpretationFirstRep().hasCoding(SCORE_BAND, "phq9-moderate"));
        assertEquals("QuestionnaireResponse/" + id.getIdPart(), score.getDerivedFromFirstRep().getReference());
        assertEquals(List.of(referral.requestReference()), score.getBasedOn().stream().map(Reference::getReference).toList());
        Coding timePoint = (Coding) score.getExtensionByUrl("http://peerbridge.org/fhir/StructureDefinition/assessment-time-point").getValue();
        assertEquals(List.of(TIME_POINT, "baseline"), List.of(timePoint.getSystem(), timePoint.getCode()));
    }

    @Test
    void everyInstrumentIsScoredByItsOwnRules() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        assertScore(Responses.answered(Responses.PHQ2, referral, "2026-03-02", 2, 1), "55758-7", 3, "phq2-positive");
        assertScore(Responses.answered(Responses.GAD7, referral, "2026-03-02", 3, 3, 2, 2, 2, 2, 2), "70274-6", 16, "gad7-severe");
        assertScore(Responses.answered(Responses.UCLA3, referral, "2026-03-02", 2, 2, 2), "106418-7", 6, "ucla3-lonely");
        assertScore(Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 2, 2, 3), "1144665009", 52, "who5-not-poor");
    }

    @Test
    void onePhq9ItemMayBeLeftOutAndTheTotalIsProrated() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        QuestionnaireResponse response = Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 1, 0, 0, 0, 0, 0);
        response.getItem().remove(7);
        Observation score = onlyScoreOf(create(response));
        assertEquals(5, score.getValueQuantity().getValue().intValue(), "4 x 9 / 8 = 4.5, rounded half up");
        assertTrue(score.getNoteFirstRep().getText().startsWith("Prorated: 8 of 9 items answered"));
    }

    @Test
    void scoresChartOverTimeWithTheirTimePoints() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 3, 3, 2, 2, 2, 2, 2));
        create(Responses.answered(Responses.GAD7, referral, "2026-04-03", 1, 1, 1, 1, 1, 1, 1));
        create(Responses.answered(Responses.GAD7, referral, "2026-04-16", 1, 1, 1, 1, 1, 1, 0));

        Bundle chart = search("Observation?patient=" + referral.patientReference() + "&code=" + LOINC + "|70274-6&_sort=date");
        assertEquals(List.of(16, 7, 6), values(chart), "oldest first");
        assertEquals(List.of("baseline", "day-30", "unscheduled"), chart.getEntry().stream()
                .map(e -> ((Coding) ((Observation) e.getResource()).getExtension().get(0).getValue()).getCode()).toList());
        Bundle day30 = search("Observation?based-on=" + referral.requestReference() + "&time-point=" + TIME_POINT + "|day-30");
        assertEquals(List.of(7), values(day30));
    }

    /**
     * Two assessments before any session: the earliest stands in as baseline. The first attended session,
     * recorded later, makes the one nearest before it the baseline, and the stored time points follow (a new
     * Observation version each); withdrawing that session as a mistake puts them back.
     */
    @Test
    void storedTimePointsFollowTheFirstAttendedSessionWhenItIsRecordedLater() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType atReferral = create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 3, 3, 2, 2, 2, 2, 2));
        IdType beforeFirstSession = create(Responses.answered(Responses.GAD7, referral, "2026-03-12", 2, 2, 2, 2, 2, 2, 2));
        assertEquals(List.of("baseline", "unscheduled"), timePoints(atReferral, beforeFirstSession), "provisional: the earliest");

        Encounter session = Sessions.attended(referral, Sessions.peerSupporter(server.client(), true).role());
        session.setPeriod(new Period().setStartElement(new DateTimeType("2026-03-13T15:00:00Z"))
                .setEndElement(new DateTimeType("2026-03-13T15:50:00Z")));
        Encounter attended = Sessions.record(server.client(), session);

        assertEquals(List.of("unscheduled", "baseline"), timePoints(atReferral, beforeFirstSession), "the one nearest before the session");
        assertEquals(List.of("2", "2"), List.of(onlyScoreOf(atReferral).getMeta().getVersionId(), onlyScoreOf(beforeFirstSession).getMeta().getVersionId()));
        Bundle baseline = search("Observation?based-on=" + referral.requestReference() + "&time-point=" + TIME_POINT + "|baseline");
        assertEquals(List.of(14), values(baseline), "the search finds the new baseline");

        server.client().update().resource(attended.setStatus(Encounter.EncounterStatus.ENTEREDINERROR)).execute();
        assertEquals(List.of("baseline", "unscheduled"), timePoints(atReferral, beforeFirstSession), "no attended session any more");
    }

    /** A response recorded later but authored earlier becomes the provisional baseline; the old one is re-placed. */
    @Test
    void aBackDatedResponseMovesTheBaselineOfTheOnesStoredBefore() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType first = create(Responses.answered(Responses.WHO5, referral, "2026-04-01", 1, 1, 2, 2, 1));
        IdType backDated = create(Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 3, 3, 3));

        assertEquals(List.of("day-30", "baseline"), timePoints(first, backDated));
        assertEquals("2", onlyScoreOf(first).getMeta().getVersionId(), "re-placed as a new version");

        QuestionnaireResponse withdrawal = read(backDated).setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        server.client().update().resource(withdrawal).execute();
        assertEquals("baseline", timePoints(first).get(0), "a withdrawn score is no baseline");
    }

    /** An amendment revises the one score in place: a chart never shows old and new side by side. */
    @Test
    void anAmendmentRevisesTheScoreAndTheChartShowsOnlyTheCurrentOne() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.WHO5, referral, "2026-03-02", 1, 1, 2, 2, 1));
        Observation before = onlyScoreOf(id);
        assertEquals(28, before.getValueQuantity().getValue().intValue(), "WHO-5 raw 7 x 4");

        QuestionnaireResponse amended = Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 3, 3, 3);
        amended.setId(id);
        amended.setStatus(QuestionnaireResponseStatus.AMENDED);
        server.client().update().resource(amended).execute();

        Bundle chart = search("Observation?patient=" + referral.patientReference() + "&code=http://snomed.info/sct|1144665009&_sort=date");
        assertEquals(List.of(60), values(chart), "only the current score");
        Observation after = (Observation) chart.getEntryFirstRep().getResource();
        assertEquals(before.getIdElement().getIdPart(), after.getIdElement().getIdPart(), "the same Observation, revised");
        assertEquals("amended", after.getStatus().toCode());
        assertEquals("2", after.getMeta().getVersionId());
        Observation old = server.client().read().resource(Observation.class)
                .withUrl(before.getIdElement().toUnqualifiedVersionless().withVersion("1")).execute();
        assertEquals(28, old.getValueQuantity().getValue().intValue(), "the old score stays in the history");
        assertEquals("amended", read(id).getStatus().toCode());
        assertEquals(1, search("QuestionnaireResponse?based-on=" + referral.requestReference() + "&status=amended").getTotal());
    }

    @Test
    void aChangeThatIsNotAnAmendmentIsRefusedAndChangesNothing() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.WHO5, referral, "2026-03-02", 1, 1, 2, 2, 1));
        QuestionnaireResponse changed = Responses.answered(Responses.WHO5, referral, "2026-03-02", 3, 3, 3, 3, 3);
        changed.setId(id);

        OperationOutcome outcome = refused(() -> server.client().update().resource(changed).execute());
        onlyError(outcome, OperationOutcome.IssueType.BUSINESSRULE, "QuestionnaireResponse.status");
        assertEquals(28, onlyScoreOf(id).getValueQuantity().getValue().intValue(), "score unchanged");
        assertEquals("1", read(id).getMeta().getVersionId(), "response unchanged");
    }

    /** A response recorded by mistake is withdrawn with its score; the next one of the instrument becomes the baseline. */
    @Test
    void aWithdrawnResponseTakesItsScoreWithIt() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType mistaken = create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 3, 3, 3, 3, 3, 3, 3));
        QuestionnaireResponse withdrawal = read(mistaken).setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        server.client().update().resource(withdrawal).execute();

        Observation withdrawnScore = onlyScoreOf(mistaken);
        assertEquals("entered-in-error", withdrawnScore.getStatus().toCode());
        assertEquals(21, withdrawnScore.getValueQuantity().getValue().intValue(), "what was said stays readable");
        String chart = "Observation?patient=" + referral.patientReference() + "&code=" + LOINC + "|70274-6&status=final,amended";
        assertEquals(0, search(chart).getTotal(), "no chart of current scores shows it");

        IdType next = create(Responses.answered(Responses.GAD7, referral, "2026-04-03", 1, 1, 1, 1, 1, 1, 1));
        Coding timePoint = (Coding) onlyScoreOf(next).getExtension().get(0).getValue();
        assertEquals("baseline", timePoint.getCode(), "a withdrawn score is no baseline");

        QuestionnaireResponse amended = Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1);
        amended.setId(mistaken);
        amended.setStatus(QuestionnaireResponseStatus.AMENDED);
        assertThrows(ResourceVersionConflictException.class, () -> server.client().update().resource(amended).execute(),
                "a withdrawn response stays withdrawn");
    }

    @Test
    void aWithdrawalMayNotChangeTheAnswers() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1));
        QuestionnaireResponse changed = read(id).setStatus(QuestionnaireResponseStatus.ENTEREDINERROR);
        changed.getItem().remove(0);
        onlyError(refused(() -> server.client().update().resource(changed).execute()), OperationOutcome.IssueType.BUSINESSRULE,
                "QuestionnaireResponse");
        assertEquals("final", onlyScoreOf(id).getStatus().toCode());
    }

    /** Only an amendment of its response changes a score: clients can neither edit nor delete it. */
    @Test
    void aScoreCannotBeChangedOrDeletedByAClient() {
        Referrals.Sent referral = Sessions.acceptedReferral(server.client());
        IdType id = create(Responses.answered(Responses.GAD7, referral, "2026-03-02", 1, 1, 1, 1, 1, 1, 1));
        Observation score = onlyScoreOf(id);
        Observation edited = score.copy();
        edited.getValueQuantity().setValue(2);

        ResourceVersionConflictException refusedEdit = assertThrows(ResourceVersionConflictException.class,
                () -> server.client().update().resource(edited).execute());
        assertTrue(((OperationOutcome) refusedEdit.getOperationOutcome()).getIssueFirstRep().getDiagnostics().contains("amend the response"));
        assertThrows(ResourceVersionConflictException.class,
                () -> server.client().delete().resourceById(score.getIdElement().toUnqualifiedVersionless()).execute());

        Observation after = onlyScoreOf(id);
        assertEquals(7, after.getValueQuantity().getValue().intValue());
        assertEquals("1", after.getMeta().getVersionId());
    }

    private static void assertScore(QuestionnaireResponse response, String code, int value, String band) {
        Observation score = onlyScoreOf(create(response));
        assertEquals(code, score.getCode().getCodingFirstRep().getCode());
        assertEquals(value, score.getValueQuantity().getValue().intValue());
        assertTrue(score.getInterpretationFirstRep().hasCoding(SCORE_BAND, band), band);
    }

    private static List<String> timePoints(IdType... responses) {
        return Arrays.stream(responses).map(response -> ((Coding) onlyScoreOf(response)
                .getExtensionByUrl("http://peerbridge.org/fhir/StructureDefinition/assessment-time-point").getValue()).getCode()).toList();
    }

    private static List<Integer> values(Bundle observations) {
        return observations.getEntry().stream()
                .map(entry -> ((Observation) entry.getResource()).getValueQuantity().getValue().intValue()).toList();
    }
}
