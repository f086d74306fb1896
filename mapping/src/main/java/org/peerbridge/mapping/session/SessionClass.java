package org.peerbridge.mapping.session;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.peerbridge.mapping.codes.CodeSystems;

/** Encounter.class of a peer session (HL7 v3 ActCode): where the session took place. */
public enum SessionClass {
    AMBULATORY("AMB", "ambulatory"),
    VIRTUAL("VR", "virtual"),
    HOME("HH", "home health");

    private final String code;
    private final String display;

    SessionClass(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public Coding toCoding() {
        return new Coding(CodeSystems.V3_ACT_CODE, code, display);
    }

    public static Optional<SessionClass> of(Coding coding) {
        if (coding == null || !CodeSystems.V3_ACT_CODE.equals(coding.getSystem())) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.code.equals(coding.getCode())).findFirst();
    }
}
