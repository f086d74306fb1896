package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.session.SessionExamples.task;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.referral.TaskStateMachine;

class SessionTaskEffectsTest {

    private static final Date NOW = new Date(1_750_000_000_000L);

    /** The table in docs/sessions.md: Task before (status, business status), session kind, Task after ("-" = no change). */
    @ParameterizedTest(name = "{0} {1} + {2} -> {3} {4}")
    @CsvSource({
            "accepted,    3.0,   PLANNED,   accepted,    5.1.1",
            "accepted,    3.0,   ATTENDED,  in-progress, 5.1.4",
            "accepted,    5.1.1, ATTENDED,  in-progress, 5.1.4",
            "accepted,    3.0,   NO_SHOW,   accepted,    5.1.2",
            "accepted,    5.1.1, CANCELLED, accepted,    5.1.3",
            "accepted,    3.0,   UNDER_WAY, -,           -",
            "in-progress, 5.1.4, PLANNED,   in-progress, 5.1.1",
            "in-progress, 5.1.1, ATTENDED,  in-progress, 5.1.4",
            "in-progress, 5.1.4, ATTENDED,  -,           -",
            "in-progress, 5.1.1, NO_SHOW,   in-progress, 5.1.2",
            "in-progress, 5.1.2, NO_SHOW,   -,           -",
            "in-progress, 5.1.1, PLANNED,   -,           -",
            "on-hold,     5.1.1, ATTENDED,  on-hold,     5.1.4",
            "on-hold,     5.1.4, NO_SHOW,   on-hold,     5.1.2"})
    void taskMovesAsTheTableSays(String status, String business, SessionKind kind, String nextStatus, String nextBusiness) {
        Task current = task(TaskStatus.fromCode(status));
        current.setBusinessStatus(CodedValue.fromCode(BusinessStatus.class, business).orElseThrow().toCodeableConcept());

        Optional<TaskChange> change = SessionTaskEffects.forSession(current, kind);

        if ("-".equals(nextStatus)) {
            assertEquals(Optional.empty(), change, "no needless Task version");
            return;
        }
        assertEquals(TaskStatus.fromCode(nextStatus), change.orElseThrow().status());
        assertEquals(nextBusiness, change.get().businessStatus().code());
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"REQUESTED", "COMPLETED", "CANCELLED", "REJECTED", "FAILED", "ENTEREDINERROR"})
    void aTaskTheProgramIsNotWorkingOnIsLeftAlone(TaskStatus status) {
        for (SessionKind kind : SessionKind.values()) {
            assertEquals(Optional.empty(), SessionTaskEffects.forSession(task(status), kind), kind.name());
        }
    }

    @Test
    void everyChangeIsATransitionTheTaskStateMachineAllows() {
        for (TaskStatus status : ReferralLink.OPEN_FOR_SESSIONS) {
            for (SessionKind kind : SessionKind.values()) {
                Task before = task(status);
                SessionTaskEffects.forSession(before, kind).ifPresent(change -> {
                    Task after = change.applyTo(before, NOW);
                    assertEquals(List.of(), TaskStateMachine.checkChange(before, after), status + " + " + kind);
                });
            }
        }
    }

    @Test
    void applyingAChangeMakesANewVersionAndLeavesTheCurrentOneAlone() {
        Task current = task(TaskStatus.ACCEPTED);

        Task next = SessionTaskEffects.forSession(current, SessionKind.ATTENDED).orElseThrow().applyTo(current, NOW);

        assertEquals(TaskStatus.ACCEPTED, current.getStatus());
        assertEquals(TaskStatus.INPROGRESS, next.getStatus());
        assertEquals("5.1.4", next.getBusinessStatus().getCodingFirstRep().getCode());
        assertEquals(BusinessStatus.SYSTEM, next.getBusinessStatus().getCodingFirstRep().getSystem());
        assertEquals(NOW, next.getLastModified());
    }

    @Test
    void aBusinessStatusOutsideBserIsNeverOverwritten() {
        Task current = task(TaskStatus.ACCEPTED);
        CodeableConcept safety = new CodeableConcept(new Coding("http://peerbridge.org/fhir/CodeSystem/example-safety", "safety-follow-up", null));
        current.setBusinessStatus(safety);

        Task next = SessionTaskEffects.forSession(current, SessionKind.ATTENDED).orElseThrow().applyTo(current, NOW);

        assertEquals(TaskStatus.INPROGRESS, next.getStatus(), "the status still moves");
        assertTrue(next.getBusinessStatus().equalsDeep(safety), "the safety business status stays");
        Task inProgress = task(TaskStatus.INPROGRESS).setBusinessStatus(safety);
        assertEquals(Optional.empty(), SessionTaskEffects.forSession(inProgress, SessionKind.NO_SHOW));
    }

    @Test
    void theAttendedSessionsProcedureGoesIntoTaskOutputInTheSameVersion() {
        Task current = task(TaskStatus.ACCEPTED);

        Task next = SessionTaskEffects.updatedTask(current, SessionKind.ATTENDED, "Procedure/pr-1", NOW).orElseThrow();

        assertEquals(TaskStatus.INPROGRESS, next.getStatus());
        assertTrue(PerformedActivityOutput.has(next, "Procedure/pr-1"));
        assertEquals(0, current.getOutput().size());
    }

    @Test
    void aSecondAttendedSessionAddsOnlyItsProcedure() {
        Task current = task(TaskStatus.INPROGRESS).setBusinessStatus(BusinessStatus.EVENT_COMPLETED.toCodeableConcept());
        PerformedActivityOutput.add(current, "Procedure/pr-1");

        Task next = SessionTaskEffects.updatedTask(current, SessionKind.ATTENDED, "Procedure/pr-2", NOW).orElseThrow();

        assertEquals(2, next.getOutput().size());
        assertEquals(NOW, next.getLastModified());
        assertEquals(Optional.empty(), SessionTaskEffects.updatedTask(next, SessionKind.ATTENDED, "Procedure/pr-2", NOW),
                "a retried write changes nothing");
    }

    @Test
    void aSessionRecordedByMistakeTakesItsProcedureOutOfTheTaskAndLeavesTheBusinessStatus() {
        Task current = task(TaskStatus.INPROGRESS).setBusinessStatus(BusinessStatus.EVENT_COMPLETED.toCodeableConcept());
        PerformedActivityOutput.add(current, "Procedure/pr-1");
        PerformedActivityOutput.add(current, "Procedure/pr-2");

        Task next = SessionTaskEffects.updatedTask(current, SessionKind.ENTERED_IN_ERROR, "Procedure/pr-1", NOW).orElseThrow();

        assertFalse(PerformedActivityOutput.has(next, "Procedure/pr-1"));
        assertTrue(PerformedActivityOutput.has(next, "Procedure/pr-2"));
        assertEquals(TaskStatus.INPROGRESS, next.getStatus());
        assertTrue(next.getBusinessStatus().equalsDeep(current.getBusinessStatus()));
        assertEquals(Optional.empty(), SessionTaskEffects.updatedTask(next, SessionKind.ENTERED_IN_ERROR, "Procedure/pr-1", NOW),
                "a retried write changes nothing");
        assertEquals(Optional.empty(), SessionTaskEffects.updatedTask(next, SessionKind.ENTERED_IN_ERROR, null, NOW),
                "a booking recorded by mistake has no Procedure and changes nothing");
    }
}
