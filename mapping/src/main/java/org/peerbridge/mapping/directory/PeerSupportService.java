package org.peerbridge.mapping.directory;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The catalogue of what the program offers: HealthcareService.type (and Encounter.serviceType of a session
 * delivered under it). A PeerBridge code system, because neither the FHIR R4 service-type code system nor a
 * published HL7 IG has peer support codes (search recorded in docs/sessions.md).
 */
public enum PeerSupportService {
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

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public String definition() {
        return definition;
    }

    public CodeableConcept toCodeableConcept() {
        return new CodeableConcept(new Coding(SYSTEM, code, display));
    }

    public static Optional<PeerSupportService> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
