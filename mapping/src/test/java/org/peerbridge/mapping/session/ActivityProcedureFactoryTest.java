package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerbridge.mapping.session.SessionExamples.attendedIndividual;
import static org.peerbridge.mapping.session.SessionExamples.minutes;
import static org.peerbridge.mapping.session.SessionExamples.period;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.rules.RuleViolation;

class ActivityProcedureFactoryTest {

    @Test
    void anAttendedSessionYieldsACompletedH0038ProcedureForTheReferral() {
        Procedure procedure = ActivityProcedureFactory.forAttendedSession(attendedIndividual(), "Encounter/e-1");

        assertEquals(ProcedureStatus.COMPLETED, procedure.getStatus());
        assertEquals(CodeSystems.HCPCS, procedure.getCode().getCodingFirstRep().getSystem());
        assertEquals("H0038", procedure.getCode().getCodingFirstRep().getCode());
        assertEquals("Self-help/peer services, per 15 minutes", procedure.getCode().getCodingFirstRep().getDisplay());
        assertEquals(SessionExamples.PATIENT, procedure.getSubject().getReference());
        assertEquals(SessionExamples.REFERRAL, procedure.getBasedOnFirstRep().getReference());
        assertEquals("Encounter/e-1", procedure.getEncounter().getReference());
        assertEquals(SessionExamples.SUPPORTER, procedure.getPerformerFirstRep().getActor().getReference());
        assertEquals(SessionExamples.PROGRAM, procedure.getPerformerFirstRep().getOnBehalfOf().getReference());
        assertTrue(procedure.getCategory().getCoding().stream().anyMatch(c -> "410606002".equals(c.getCode())));
        assertTrue(procedure.getCategory().getCoding().stream().anyMatch(c -> "social-connection".equals(c.getCode())));
        Period performed = procedure.getPerformedPeriod();
        assertEquals("2025-06-10T15:00:00Z", performed.getStartElement().getValueAsString());
        assertEquals("2025-06-10T15:50:00Z", performed.getEndElement().getValueAsString());
    }

    @Test
    void unitsComeFromTheLengthWhenGivenElseFromThePeriod() {
        Encounter withLength = attendedIndividual(); // 50-minute period, 45 minutes of contact
        assertEquals(OptionalInt.of(3), ActivityProcedureFactory.billingUnits(ActivityProcedureFactory.forAttendedSession(withLength, "Encounter/e")));
        assertEquals(SessionCodes.BILLING_UNITS_EXTENSION,
                ActivityProcedureFactory.forAttendedSession(withLength, "Encounter/e").getExtension().get(0).getUrl());

        Encounter periodOnly = attendedIndividual().setLength(null);
        assertEquals(OptionalLong.of(50), SessionDuration.minutes(periodOnly));
        assertEquals(OptionalInt.of(3), ActivityProcedureFactory.billingUnits(ActivityProcedureFactory.forAttendedSession(periodOnly, "Encounter/e")));

        Encounter short7 = attendedIndividual().setLength(minutes(7.9));
        assertEquals(OptionalLong.of(7), SessionDuration.minutes(short7), "only whole minutes count");
        assertEquals(OptionalInt.of(0), ActivityProcedureFactory.billingUnits(ActivityProcedureFactory.forAttendedSession(short7, "Encounter/e")));
    }

    @Test
    void withALengthAndNoEndThePerformedTimeIsTheStart() {
        Encounter lengthOnly = attendedIndividual().setPeriod(period("2025-06-24T15:05:00Z", null)).setLength(minutes(22));

        Procedure procedure = ActivityProcedureFactory.forAttendedSession(lengthOnly, "Encounter/e");

        assertTrue(procedure.getPerformed() instanceof DateTimeType);
        assertEquals("2025-06-24T15:05:00Z", procedure.getPerformedDateTimeType().getValueAsString());
        assertEquals(OptionalInt.of(1), ActivityProcedureFactory.billingUnits(procedure));
    }

    @Test
    void onlyAttendedReferralSessionsYieldAnActivity() {
        assertThrows(IllegalArgumentException.class,
                () -> ActivityProcedureFactory.forAttendedSession(SessionExamples.plannedIndividual(), "Encounter/e"));
        assertThrows(IllegalArgumentException.class,
                () -> ActivityProcedureFactory.forAttendedSession(NoShow.record(SessionExamples.plannedIndividual()), "Encounter/e"));
        assertThrows(IllegalArgumentException.class,
                () -> ActivityProcedureFactory.forAttendedSession(SessionExamples.groupSession(), "Encounter/group-1"));
        Procedure attendee = ActivityProcedureFactory.forAttendedSession(SessionExamples.groupAttendee(), "Encounter/a-1");
        assertEquals(OptionalInt.of(6), ActivityProcedureFactory.billingUnits(attendee), "90 minutes of group");
    }

    @Test
    void performedActivityOutputFollowsTheSdohccSlice() {
        Task task = SessionExamples.task(Task.TaskStatus.INPROGRESS);

        assertTrue(PerformedActivityOutput.add(task, "Procedure/pr-1"));
        assertFalse(PerformedActivityOutput.add(task, "Procedure/pr-1"), "listed once");

        Task.TaskOutputComponent output = task.getOutputFirstRep();
        assertEquals("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes",
                output.getType().getCodingFirstRep().getSystem());
        assertEquals("resulting-activity", output.getType().getCodingFirstRep().getCode());
        assertEquals("Procedure/pr-1", ((Reference) output.getValue()).getReference());
        assertTrue(PerformedActivityOutput.has(task, "http://server.example.org/fhir/Procedure/pr-1/_history/2"),
                "compared by target, whatever the base or version");
    }

    @Test
    void anUpdateOfTheTaskKeepsThePerformedActivities() {
        Task before = SessionExamples.task(Task.TaskStatus.INPROGRESS);
        PerformedActivityOutput.add(before, "Procedure/pr-1");
        PerformedActivityOutput.add(before, "Procedure/pr-2");

        Task completed = before.copy();
        completed.setStatus(Task.TaskStatus.COMPLETED);
        assertEquals(List.of(), PerformedActivityOutput.checkKept(before, completed));

        Task stale = SessionExamples.task(Task.TaskStatus.COMPLETED);
        PerformedActivityOutput.add(stale, "Procedure/pr-1");
        List<RuleViolation> violations = PerformedActivityOutput.checkKept(before, stale);
        assertEquals(1, violations.size());
        assertEquals(RuleViolation.Kind.CONFLICT, violations.get(0).kind());
        assertEquals("Task.output", violations.get(0).expression());
        assertTrue(violations.get(0).message().contains("Procedure/pr-2"));
    }
}
