package org.peerbridge.mapping.session;

import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;

/** What a session Encounter says happened, which decides its effect on the referral's Task. */
public enum SessionKind {
    /** Booked, not yet held (status planned). */
    PLANNED,
    /** The person is there or the session is running (arrived, in-progress): nothing to report yet. */
    UNDER_WAY,
    /** Held and over (finished): the person attended. */
    ATTENDED,
    /** Booked but the person did not come (cancelled + no-show reason, see {@link NoShow}). */
    NO_SHOW,
    /** Called off in advance by either side (cancelled without the no-show reason). */
    CANCELLED,
    /** Recorded by mistake (entered-in-error): it counts for nothing and its Procedure, if any, is withdrawn. */
    ENTERED_IN_ERROR;

    /** Classifies a session Encounter; empty for statuses outside the session model (hospital-stay statuses). */
    public static Optional<SessionKind> of(Encounter encounter) {
        if (!encounter.hasStatus()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (encounter.getStatus()) {
            case PLANNED -> PLANNED;
            case ARRIVED, INPROGRESS -> UNDER_WAY;
            case FINISHED -> ATTENDED;
            case CANCELLED -> NoShow.hasNoShowReason(encounter) ? NO_SHOW : CANCELLED;
            case ENTEREDINERROR -> ENTERED_IN_ERROR;
            default -> null;
        });
    }
}
