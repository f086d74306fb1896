package org.peerbridge.mapping.session;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;

/** Encounter.type of a peer session: one person with a peer supporter, or a peer support group. */
public enum SessionType {
    INDIVIDUAL("individual", "Individual peer support session"),
    GROUP("group", "Group peer support session");

    public static final String SYSTEM = SessionCodes.SESSION_TYPE_SYSTEM;

    private final String code;
    private final String display;

    SessionType(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public CodeableConcept toCodeableConcept() {
        return new CodeableConcept(new Coding(SYSTEM, code, display));
    }

    public static Optional<SessionType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** The session types an Encounter names in Encounter.type (normally exactly one). */
    public static List<SessionType> of(Encounter encounter) {
        return encounter.getType().stream().flatMap(type -> type.getCoding().stream())
                .filter(coding -> SYSTEM.equals(coding.getSystem()))
                .map(coding -> fromCode(coding.getCode())).flatMap(Optional::stream).distinct().toList();
    }

    public static boolean isGroup(Encounter encounter) {
        return of(encounter).contains(GROUP);
    }
}
