package org.peerbridge.mapping.directory;

import org.peerbridge.mapping.codes.CodedValue;

/**
 * How a service reaches people: HealthcareService.characteristic, searchable with the standard
 * {@code characteristic} parameter. R4 HealthcareService has no delivery-mode element and no published
 * code system for it, so this is a PeerBridge code system.
 */
public enum DeliveryMode implements CodedValue {
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
}
