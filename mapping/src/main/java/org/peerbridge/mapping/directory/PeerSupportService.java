package org.peerbridge.mapping.directory;

import org.peerbridge.mapping.codes.CodedValue;

/**
 * The catalogue of what the program offers: HealthcareService.type (and Encounter.serviceType of a session
 * delivered under it). A PeerBridge code system, because neither the FHIR R4 service-type code system nor a
 * published HL7 IG has peer support codes (search recorded in docs/sessions.md).
 */
public enum PeerSupportService implements CodedValue {
    INDIVIDUAL_IN_PERSON("individual-in-person", "Individual peer support, in person",
            "One person meets a peer supporter face to face, at a program site or in the community."),
    INDIVIDUAL_PHONE("individual-phone", "Individual peer support by phone",
            "One person talks with a peer supporter by telephone."),
    INDIVIDUAL_VIDEO("individual-video", "Individual peer support by video",
            "One person meets a peer supporter by video call."),
    GROUP("group", "Peer support group",
            "A group of peers meets with a trained peer supporter as facilitator, in person or online."),
    DIGITAL("digital", "Digital / online peer support",
            "Peer support through an online program: moderated forums, chat and virtual groups.");

    public static final String SYSTEM = "http://peerbridge.org/fhir/CodeSystem/peer-support-service";

    private final String code;
    private final String display;
    private final String definition;

    PeerSupportService(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
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

    @Override
    public String definition() {
        return definition;
    }
}
