package org.peerbridge.mapping.directory;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * How a service reaches people: HealthcareService.characteristic, searchable with the standard
 * {@code characteristic} parameter. R4 HealthcareService has no delivery-mode element and no published
 * code system for it, so this is a PeerBridge code system.
 */
public enum DeliveryMode {
    IN_PERSON("in-person", "In person"),
    PHONE("phone", "By telephone"),
    VIDEO("video", "By video call"),
    CHAT("chat", "By text chat"),
    ONLINE_COMMUNITY("online-community", "Online community (forum or virtual group)");

    public static final String SYSTEM = "http://peerbridge.org/fhir/CodeSystem/delivery-mode";

    private final String code;
    private final String display;

    DeliveryMode(String code, String display) {
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

    public static Optional<DeliveryMode> fromCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
