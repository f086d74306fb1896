package org.peerbridge.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Reports;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** What a session does to its referral, in the session's own transaction: the Task moves, attended sessions are billed. */
class SessionEffectsTest extends ServerTest {

    private static final String RESULTING_ACTIVITY = "resulting-activity";

    private Referrals.Sent referral;
    private Sessions.Supporter supporter;

    @BeforeEach
    void acceptedReferralAndPeerSupporter() {
        referral = Sessions.acceptedReferral(server.client());
        supporter = Sessions.peerSupporter(server.client(), true);
    }

    @Test
    void individualCourseMovesTheTaskAndBillsEachAttendedSession() {
        Encounter first = Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Task task = Sessions.task(server.client(), referral);
        assertEquals(TaskStatus.INPROGRESS, task.getStatus(), "the first attended session starts the referral");
        assertBusinessStatus("5.1.4", task);
        assertEquals("3", task.getMeta().getVersionId(), "created, accepted, then the session's one new version");
        Procedure activity = onlyActivity(first);
        assertEquals(3, Sessions.units(activity), "45 minutes of contact is 3 units");
        assertTrue(activity.getCode().hasCoding("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "H0038"));
        assertEquals("completed", activity.getStatus().toCode());
        assertEquals(referral.requestReference(), activity.getBasedOnFirstRep().getReference());
        assertEquals(referral.patientReference(), activity.getSubject().getReference());
        assertEquals(Sessions.reference(first), activity.getEncounter().getReference());
        assertEquals(supporter.role(), activity.getPerformerFirstRep().getActor().getReference());
        assertEquals("2025-06-10T15:00:00Z", activity.getPerformedPeriod().getStartElement().getValueAsString());
        assertEquals(List.of("Procedure/" + activity.getIdElement().getIdPart()), performedActivities(task));

        Encounter byPhone = Sessions.attended(referral, supporter.role());
        byPhone.setLength(null);
        byPhone.setPeriod(Sessions.period("2025-06-17T15:00:00Z", "2025-06-17T15:30:00Z"));
        Encounter second = Sessions.record(server.client(), byPhone);
        assertEquals(2, Sessions.units(onlyActivity(second)), "30 minutes of period, no length: 2 units");

        Encounter short22 = Sessions.attended(referral, supporter.role());
        short22.setPeriod(Sessions.period("2025-06-24T15:05:00Z", null));
        short22.setLength(Sessions.minutes(22));
        Procedure third = onlyActivity(Sessions.record(server.client(), short22));
        assertEquals(1, Sessions.units(third));
        assertEquals("2025-06-24T15:05:00Z", third.getPerformedDateTimeType().getValueAsString(), "start only: performedDateTime");

        task = Sessions.task(server.client(), referral);
        assertEquals(3, performedActivities(task).size(), "each attended session is one Task.output");
        assertEquals("5", task.getMeta().getVersionId(), "each added output is a new Task version");

        Sessions.record(server.client(), Sessions.planned(referral, supporter.role()));
        task = Sessions.task(server.client(), referral);
        assertBusinessStatus("5.1.1", task);
        assertEquals(TaskStatus.INPROGRESS, task.getStatus());

        Sessions.record(server.client(), Sessions.noShow(referral, supporter.role()));
        task = Sessions.task(server.client(), referral);
        assertBusinessStatus("5.1.2", task);
        assertEquals("7", task.getMeta().getVersionId());
        assertEquals(7, history(task).getTotal(), "every move is in the Task's history");
        assertEquals(3, search("Procedure?based-on=" + referral.requestReference()).getTotal());
    }

    @Test
    void plannedThenCancelledInAdvance() {
        Sessions.record(server.client(), Sessions.planned(referral, supporter.role()));
        assertBusinessStatus("5.1.1", Sessions.task(server.client(), referral));
        assertEquals(TaskStatus.ACCEPTED, Sessions.task(server.client(), referral).getStatus(), "a booking does not start the referral");

        Encounter cancelled = Sessions.planned(referral, supporter.role());
        cancelled.setStatus(EncounterStatus.CANCELLED);
        Encounter stored = Sessions.record(server.client(), cancelled);
        Task task = Sessions.task(server.client(), referral);
        assertBusinessStatus("5.1.3", task);
        assertEquals(0, Sessions.activitiesOf(server.client(), stored).getTotal(), "nothing to bill");
        assertTrue(performedActivities(task).isEmpty());
    }

    @Test
    void sessionUnderWayLeavesTheTaskAlone() {
        Encounter underWay = Sessions.planned(referral, supporter.role());
        underWay.setStatus(EncounterStatus.INPROGRESS);
        Sessions.record(server.client(), underWay);
        Task task = Sessions.task(server.client(), referral);
        assertEquals(referral.task().getMeta().getVersionId(), task.getMeta().getVersionId(), "no new Task version");
    }

    @Test
    void bookedSessionHeldLaterIsBilledWhenItIsFinished() {
        Encounter booked = Sessions.record(server.client(), Sessions.planned(referral, supporter.role()));
        Encounter held = booked.copy();
        held.setStatus(EncounterStatus.FINISHED);
        held.setLength(Sessions.minutes(50));
        Encounter updated = (Encounter) server.client().update().resource(held).execute().getResource();
        assertEquals("2", updated.getMeta().getVersionId());

        Task task = Sessions.task(server.client(), referral);
        assertEquals(TaskStatus.INPROGRESS, task.getStatus());
        assertBusinessStatus("5.1.4", task);
        Procedure activity = onlyActivity(updated);
        assertEquals(3, Sessions.units(activity), "50 minutes");
        assertEquals(List.of("Procedure/" + activity.getIdElement().getIdPart()), performedActivities(task));

        Encounter corrected = updated.copy();
        corrected.setLength(Sessions.minutes(20));
        server.client().update().resource(corrected).execute();
        Procedure revised = onlyActivity(updated);
        assertEquals(activity.getIdElement().getIdPart(), revised.getIdElement().getIdPart(), "the same Procedure, revised");
        assertEquals(1, Sessions.units(revised));
        assertEquals("2", revised.getMeta().getVersionId());
        assertEquals(task.getMeta().getVersionId(), Sessions.task(server.client(), referral).getMeta().getVersionId(),
                "the Task already lists the Procedure");
    }

    @Test
    void finishedSessionIsFinal() {
        Encounter finished = Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Task before = Sessions.task(server.client(), referral);
        Encounter reopened = finished.copy();
        reopened.setStatus(EncounterStatus.PLANNED);
        ResourceVersionConflictException refused = assertThrows(ResourceVersionConflictException.class,
                () -> server.client().update().resource(reopened).execute());
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals("Encounter.status", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(OperationOutcome.IssueType.BUSINESSRULE, outcome.getIssueFirstRep().getCode());
        assertEquals("1", read(finished).getMeta().getVersionId(), "nothing stored");
        assertEquals(before.getMeta().getVersionId(), Sessions.task(server.client(), referral).getMeta().getVersionId());
    }

    @Test
    void aSessionRecordedByMistakeWithdrawsItsProcedureAndIsThenFinal() {
        Encounter mistaken = Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Encounter kept = Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Procedure withdrawn = onlyActivity(mistaken);
        Task before = Sessions.task(server.client(), referral);
        assertEquals(2, performedActivities(before).size());

        Encounter marked = mistaken.copy().setStatus(EncounterStatus.ENTEREDINERROR);
        server.client().update().resource(marked).execute();

        assertEquals(EncounterStatus.ENTEREDINERROR, read(mistaken).getStatus());
        assertEquals(Procedure.ProcedureStatus.ENTEREDINERROR, onlyActivity(mistaken).getStatus(), "nothing bills it any more");
        assertEquals("2", onlyActivity(mistaken).getMeta().getVersionId());
        Task after = Sessions.task(server.client(), referral);
        assertEquals(List.of("Procedure/" + onlyActivity(kept).getIdElement().getIdPart()), performedActivities(after));
        assertEquals(TaskStatus.INPROGRESS, after.getStatus());
        assertBusinessStatus("5.1.4", after);
        assertEquals(withdrawn.getIdElement().getIdPart(), onlyActivity(mistaken).getIdElement().getIdPart(), "withdrawn, not replaced");
        Bundle report = Reports.progressReport(server.client(), referral.requestReference());
        Observation summary = Reports.entries(report, Reports.section(report, "sessions"), Observation.class).get(0);
        assertEquals(1, ((IntegerType) Reports.component(summary, "sessions-attended").getValue()).getValue(), "the mistake counts for nothing");
        assertEquals(3, ((IntegerType) Reports.component(summary, "h0038-units").getValue()).getValue());

        Encounter revived = read(mistaken).setStatus(EncounterStatus.FINISHED);
        OperationOutcome outcome = Refusals.refused(409, () -> server.client().update().resource(revived).execute());
        assertEquals("Encounter.status", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(after.getMeta().getVersionId(), Sessions.task(server.client(), referral).getMeta().getVersionId(), "nothing changed");
    }

    @Test
    void aSessionIsNotRecordedAsAMistakeInTheFirstPlace() {
        Encounter session = Sessions.attended(referral, supporter.role()).setStatus(EncounterStatus.ENTEREDINERROR);
        Task before = Sessions.task(server.client(), referral);

        OperationOutcome outcome = Refusals.refused(422, () -> server.client().create().resource(session).execute());

        assertEquals("Encounter.status", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        assertEquals(before.getMeta().getVersionId(), Sessions.task(server.client(), referral).getMeta().getVersionId(), "nothing stored");
    }

    @Test
    void sessionCannotMoveToAnotherReferral() {
        Encounter stored = Sessions.record(server.client(), Sessions.planned(referral, supporter.role()));
        Referrals.Sent other = Sessions.acceptedReferral(server.client());
        Encounter moved = stored.copy();
        moved.getBasedOnFirstRep().setReference(other.requestReference());
        moved.setSubject(new Reference(other.patientReference()));
        OperationOutcome outcome = Refusals.refused(422, () -> server.client().update().resource(moved).execute());
        assertEquals(List.of("Encounter.basedOn", "Encounter.subject"), Refusals.expressions(outcome));
        assertEquals("1", read(stored).getMeta().getVersionId());
    }

    @Test
    void onHoldReferralStaysOnHold() {
        Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Sessions.record(server.client(), Sessions.planned(referral, supporter.role()));
        Task hold = Sessions.task(server.client(), referral).copy();
        hold.setStatus(TaskStatus.ONHOLD);
        hold.getStatusReason().setText("Participant travelling for two weeks");
        server.client().update().resource(hold).execute();
        Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Task task = Sessions.task(server.client(), referral);
        assertEquals(TaskStatus.ONHOLD, task.getStatus(), "resuming is the coordinator's decision");
        assertBusinessStatus("5.1.4", task);
        assertEquals(2, performedActivities(task).size());
    }

    @Test
    void staleTaskUpdateCannotEraseTheReportedActivity() {
        Task readBeforeTheSession = Sessions.task(server.client(), referral);
        Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Task current = Sessions.task(server.client(), referral);

        Task stale = readBeforeTheSession.copy();
        stale.setStatus(TaskStatus.INPROGRESS);
        stale.setIdElement(stale.getIdElement().toVersionless());
        OperationOutcome outcome = Refusals.refused(409, () -> server.client().update().resource(stale).execute());
        assertEquals(List.of("business-rule @ Task.output"), Refusals.issues(outcome));
        assertEquals(current.getMeta().getVersionId(), Sessions.task(server.client(), referral).getMeta().getVersionId());

        Task completed = current.copy();
        completed.setStatus(TaskStatus.COMPLETED);
        Task stored = (Task) server.client().update().resource(completed).execute().getResource();
        assertEquals(1, performedActivities(stored).size(), "sent with its output, the update goes through");
    }

    @Test
    void peerSupporterNamedAsPractitionerIsFoundThroughTheirRoles() {
        Encounter session = Sessions.attended(referral, supporter.practitioner());
        Procedure activity = onlyActivity(Sessions.record(server.client(), session));
        assertEquals(supporter.practitioner(), activity.getPerformerFirstRep().getActor().getReference());
    }

    @Test
    void concurrentSessionsOfOneReferralAreAllReported() throws Exception {
        int sessions = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<CompletableFuture<Encounter>> writes = IntStream.range(0, sessions)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> Sessions.record(server.client(), Sessions.attended(referral, supporter.role())), pool))
                    .toList();
            for (CompletableFuture<Encounter> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        Task task = Sessions.task(server.client(), referral);
        assertEquals(sessions, performedActivities(task).size(), "no Task update lost");
        assertEquals(Integer.toString(2 + sessions), task.getMeta().getVersionId());
        assertEquals(TaskStatus.INPROGRESS, task.getStatus());
        assertEquals(sessions, search("Procedure?based-on=" + referral.requestReference()).getTotal());
    }

    @Test
    void groupSessionIsNotBilledAndMovesNoTask() {
        Encounter group = Sessions.record(server.client(), Sessions.groupSession(supporter.role()));
        assertEquals(0, Sessions.activitiesOf(server.client(), group).getTotal());
        assertFalse(group.hasBasedOn());
    }

    private static void assertBusinessStatus(String code, Task task) {
        assertTrue(task.getBusinessStatus().hasCoding(Sessions.BSER, code),
                "business status " + code + ", got " + task.getBusinessStatus().getCodingFirstRep().getCode());
    }

    static List<String> performedActivities(Task task) {
        return task.getOutput().stream()
                .filter(output -> output.getType().getCodingFirstRep().getCode().equals(RESULTING_ACTIVITY))
                .map(output -> ((Reference) output.getValue()).getReference()).toList();
    }

    private static Procedure onlyActivity(Encounter session) {
        Bundle activities = Sessions.activitiesOf(server.client(), session);
        assertEquals(1, activities.getTotal(), "one Procedure per attended session");
        return (Procedure) activities.getEntryFirstRep().getResource();
    }

    private static Encounter read(Encounter stored) {
        return server.client().read().resource(Encounter.class).withId(stored.getIdElement().toVersionless()).execute();
    }

    private static Bundle history(Task task) {
        return server.client().history().onInstance(task.getIdElement().toVersionless()).returnBundle(Bundle.class).execute();
    }

    private static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
