package org.peerbridge.mapping.session;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;

/**
 * How a no-show (booked but not attended) is recorded: {@code status = cancelled} plus
 * {@code reasonCode = peer-session-attendance#no-show}. R4 Encounter has no no-show status, and the
 * core extension encounter-reasonCancelled has no standard search parameter; reasonCode is searched
 * with the standard {@code reason-code} parameter on any FHIR server. Rationale in docs/sessions.md.
 */
public final class NoShow {

    private NoShow() {
    }

    public static Coding coding() {
        return new Coding(SessionCodes.SESSION_ATTENDANCE_SYSTEM, SessionCodes.NO_SHOW, SessionCodes.NO_SHOW_DISPLAY);
    }

    public static CodeableConcept reasonCode() {
        return new CodeableConcept(coding());
    }

    /** Whether this reasonCode says "no-show". */
    public static boolean isNoShowCode(CodeableConcept reason) {
        return reason.getCoding().stream().anyMatch(c -> SessionCodes.SESSION_ATTENDANCE_SYSTEM.equals(c.getSystem())
                && SessionCodes.NO_SHOW.equals(c.getCode()));
    }

    /** Whether the Encounter carries the no-show reason (whatever its status). */
    public static boolean hasNoShowReason(Encounter encounter) {
        return encounter.getReasonCode().stream().anyMatch(NoShow::isNoShowCode);
    }

    /** Whether the Encounter records a no-show: cancelled, with the no-show reason. */
    public static boolean isNoShow(Encounter encounter) {
        return encounter.getStatus() == EncounterStatus.CANCELLED && hasNoShowReason(encounter);
    }

    /** Marks a booked session as not attended (the recording a peer supporter makes). */
    public static Encounter record(Encounter encounter) {
        encounter.setStatus(EncounterStatus.CANCELLED);
        if (!hasNoShowReason(encounter)) {
            encounter.addReasonCode(reasonCode());
        }
        return encounter;
    }
}
