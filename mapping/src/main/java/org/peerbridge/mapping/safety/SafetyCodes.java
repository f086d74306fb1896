package org.peerbridge.mapping.safety;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MetadataResource;
import org.peerbridge.mapping.codes.OwnCodeSystems;

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
                OwnCodeSystems.codeSystem(SAFETY_ALERT_SYSTEM, VERSION, "SafetyAlert", "Safety alert",
                        "What a PeerBridge safety Flag reports.",
                        List.of(OwnCodeSystems.concept(SELF_HARM_REPORTED, SELF_HARM_REPORTED_DISPLAY, SELF_HARM_REPORTED_DISPLAY))),
                OwnCodeSystems.codeSystem(REFERRAL_STATUS_SYSTEM, VERSION, "ReferralBusinessStatus", "Referral business status (PeerBridge)",
                        "Task.businessStatus values PeerBridge adds to the BSeR ones.",
                        List.of(OwnCodeSystems.concept(SAFETY_FOLLOW_UP, SAFETY_FOLLOW_UP_DISPLAY, SAFETY_FOLLOW_UP_DISPLAY))));
    }
}
