package org.peerbridge.mapping.safety;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * The codes of the safety flow (docs/outcomes.md#safety-php-9-item-9): what the Flag says, and the
 * Task business status that asks program staff to follow up. Both are PeerBridge's own: neither
 * HL7 flag codes nor BSeR business statuses have a concept for "a possible risk of self-harm was
 * reported and a human must look at it".
 */
public final class SafetyCodes {

    public static final String SAFETY_ALERT_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/safety-alert";
    public static final String SELF_HARM_REPORTED = "self-harm-risk-reported";
    static final String SELF_HARM_REPORTED_DISPLAY = "Possible risk of self-harm reported (PHQ-9 item 9 above 0)";

    public static final String REFERRAL_STATUS_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/referral-business-status";
    public static final String SAFETY_FOLLOW_UP = "safety-follow-up";
    static final String SAFETY_FOLLOW_UP_DISPLAY = "Safety follow-up needed";

    /** R4 flag-category; "safety" is one of its codes. */
    public static final String FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";

    /** R4 core extension pointing from a Flag at the record that explains it (here, the response). */
    public static final String FLAG_DETAIL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/flag-detail";

    /** Why staff closed a safety Flag (valueString), required to close it. */
    public static final String FLAG_CLOSURE_REASON_EXTENSION = "http://peerbridge.org/fhir/StructureDefinition/flag-closure-reason";

    private static final String VERSION = "0.1.0";

    private SafetyCodes() {
    }

    public static CodeableConcept selfHarmReported() {
        return new CodeableConcept(new Coding(SAFETY_ALERT_SYSTEM, SELF_HARM_REPORTED, SELF_HARM_REPORTED_DISPLAY))
                .setText(SELF_HARM_REPORTED_DISPLAY);
    }

    public static CodeableConcept safetyFollowUp() {
        return new CodeableConcept(new Coding(REFERRAL_STATUS_SYSTEM, SAFETY_FOLLOW_UP, SAFETY_FOLLOW_UP_DISPLAY))
                .setText(SAFETY_FOLLOW_UP_DISPLAY);
    }

    public static boolean isSafetyFollowUp(CodeableConcept businessStatus) {
        return businessStatus.hasCoding(REFERRAL_STATUS_SYSTEM, SAFETY_FOLLOW_UP);
    }

    public static List<MetadataResource> definitions() {
        return List.of(
                codeSystem("safety-alert", SAFETY_ALERT_SYSTEM, "SafetyAlert", "Safety alert",
                        "What a PeerBridge safety Flag reports.", SELF_HARM_REPORTED, SELF_HARM_REPORTED_DISPLAY),
                codeSystem("referral-business-status", REFERRAL_STATUS_SYSTEM, "ReferralBusinessStatus",
                        "Referral business status (PeerBridge)",
                        "Task.businessStatus values PeerBridge adds to the BSeR ones.", SAFETY_FOLLOW_UP, SAFETY_FOLLOW_UP_DISPLAY));
    }

    private static CodeSystem codeSystem(String id, String url, String name, String title, String description,
                                         String code, String display) {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId(id);
        codeSystem.setUrl(url);
        codeSystem.setVersion(VERSION);
        codeSystem.setName(name);
        codeSystem.setTitle(title);
        codeSystem.setStatus(PublicationStatus.ACTIVE);
        codeSystem.setPublisher("PeerBridge");
        codeSystem.setDescription(description);
        codeSystem.setCaseSensitive(true);
        codeSystem.setContent(CodeSystemContentMode.COMPLETE);
        codeSystem.setCount(1);
        codeSystem.addConcept().setCode(code).setDisplay(display);
        return codeSystem;
    }
}
