package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionKindTest {

    @ParameterizedTest(name = "{0}, no-show reason {1} -> {2}")
    @CsvSource({
            "planned, false, PLANNED", "arrived, false, UNDER_WAY", "in-progress, false, UNDER_WAY",
            "finished, false, ATTENDED", "cancelled, false, CANCELLED", "cancelled, true, NO_SHOW",
            "entered-in-error, false, ENTERED_IN_ERROR", "unknown, false, ", "triaged, false, "})
    void classifiesBySatusAndTheNoShowReason(String status, boolean noShowReason, SessionKind expected) {
        Encounter encounter = new Encounter().setStatus(EncounterStatus.fromCode(status));
        if (noShowReason) {
            encounter.addReasonCode(NoShow.reasonCode());
        }
        assertEquals(Optional.ofNullable(expected), SessionKind.of(encounter));
    }

    @Test
    void aNoShowIsACancelledSessionWithTheNoShowReason() {
        Encounter booked = SessionExamples.plannedIndividual();

        Encounter noShow = NoShow.record(booked);

        assertEquals(EncounterStatus.CANCELLED, noShow.getStatus());
        assertEquals("http://peerbridge.org/fhir/CodeSystem/peer-session-attendance",
                noShow.getReasonCodeFirstRep().getCodingFirstRep().getSystem());
        assertEquals("no-show", noShow.getReasonCodeFirstRep().getCodingFirstRep().getCode());
        assertTrue(NoShow.isNoShow(noShow));
        assertEquals(1, NoShow.record(noShow).getReasonCode().size(), "recording it twice adds nothing");
    }

    @Test
    void otherReasonsDoNotMakeANoShow() {
        Encounter cancelled = new Encounter().setStatus(EncounterStatus.CANCELLED);
        cancelled.addReasonCode(new CodeableConcept(new Coding(SessionCodes.SESSION_ATTENDANCE_SYSTEM, "other", null)));
        cancelled.addReasonCode(new CodeableConcept(new Coding("http://example.org/other", SessionCodes.NO_SHOW, null)));

        assertFalse(NoShow.isNoShow(cancelled));
        assertEquals(Optional.of(SessionKind.CANCELLED), SessionKind.of(cancelled));
    }

    @Test
    void noStatusIsNoSessionEvent() {
        assertEquals(Optional.empty(), SessionKind.of(new Encounter()));
    }
}
