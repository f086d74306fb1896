package org.peerbridge.mapping.session;

import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.peerbridge.mapping.codes.CodedValue;

/** Encounter.type of a peer session: one person with a peer supporter, or a peer support group. */
public enum SessionType implements CodedValue {
    INDIVIDUAL("individual", "Individual peer support session"),
    GROUP("group", "Group peer support session");

    public static final String SYSTEM = SessionCodes.SESSION_TYPE_SYSTEM;

    private final String code;
    private final String display;

    SessionType(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

    /** The session types an Encounter names in Encounter.type (normally exactly one). */
    public static List<SessionType> of(Encounter encounter) {
        return CodedValue.namedIn(SessionType.class, encounter.getType());
    }

    public static boolean isGroup(Encounter encounter) {
        return of(encounter).contains(GROUP);
    }
}
