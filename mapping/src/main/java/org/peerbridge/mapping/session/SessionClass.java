package org.peerbridge.mapping.session;

import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.codes.CodedValue;

/** Encounter.class of a peer session (HL7 v3 ActCode): where the session took place. */
public enum SessionClass implements CodedValue {
    AMBULATORY("AMB", "ambulatory"),
    VIRTUAL("VR", "virtual"),
    HOME("HH", "home health");

    private final String code;
    private final String display;

    SessionClass(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return CodeSystems.V3_ACT_CODE;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }
}
