package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerbridge.mapping.rules.RuleViolation;

class SessionLifecycleTest {

    @ParameterizedTest(name = "{0} -> {1}: allowed={2}")
    @CsvSource({
            "planned, arrived, true", "planned, in-progress, true", "planned, finished, true", "planned, cancelled, true",
            "arrived, in-progress, true", "arrived, finished, true", "in-progress, finished, true", "in-progress, cancelled, true",
            "in-progress, planned, false", "finished, planned, false", "finished, cancelled, false", "cancelled, finished, false",
            "cancelled, planned, false", "finished, finished, true",
            "planned, entered-in-error, true", "in-progress, entered-in-error, true", "finished, entered-in-error, true",
            "cancelled, entered-in-error, true", "entered-in-error, finished, false", "entered-in-error, planned, false"})
    void sessionsMoveForward(String from, String to, boolean allowed) {
        Encounter before = SessionExamples.attendedIndividual().setStatus(EncounterStatus.fromCode(from));
        Encounter after = SessionExamples.attendedIndividual().setStatus(EncounterStatus.fromCode(to));

        List<RuleViolation> violations = SessionLifecycle.checkChange(before, after);

        assertEquals(allowed, violations.isEmpty(), violations.toString());
        if (!allowed) {
            assertEquals("Encounter.status", violations.get(0).expression());
            assertEquals(RuleViolation.Kind.CONFLICT, violations.get(0).kind());
        }
    }

    @Test
    void aSessionIsNeverRecordedAsAMistakeInTheFirstPlace() {
        Encounter recordedAsError = SessionExamples.attendedIndividual().setStatus(EncounterStatus.ENTEREDINERROR);

        List<RuleViolation> violations = SessionLifecycle.checkNew(recordedAsError);

        assertEquals(List.of("Encounter.status"), violations.stream().map(RuleViolation::expression).toList());
        assertEquals(List.of(), SessionLifecycle.checkNew(SessionExamples.attendedIndividual()));
    }

    @Test
    void aCancelledSessionCannotBecomeANoShowLater() {
        Encounter cancelled = SessionExamples.plannedIndividual().setStatus(EncounterStatus.CANCELLED);
        Encounter noShow = NoShow.record(SessionExamples.plannedIndividual());

        assertEquals("Encounter.reasonCode", SessionLifecycle.checkChange(cancelled, noShow).get(0).expression());
    }

    @Test
    void referralPatientAndGroupCannotChange() {
        Encounter before = SessionExamples.groupAttendee();
        Encounter after = SessionExamples.groupAttendee();
        after.getBasedOn().get(0).setReference("ServiceRequest/other");
        after.setSubject(new Reference("Patient/other"));
        after.setPartOf(new Reference("Encounter/other"));

        List<String> where = SessionLifecycle.checkChange(before, after).stream().map(RuleViolation::expression).toList();

        assertEquals(List.of("Encounter.basedOn", "Encounter.subject", "Encounter.partOf"), where);
    }
}
