package org.peerbridge.mapping.directory;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.peerbridge.mapping.codes.CodeSystems;

/** Published codes and identifier systems the directory uses. Systems are in {@link CodeSystems}. */
public final class DirectoryCodes {

    /** NUCC provider taxonomy "Peer Specialist" (US Core provider-role value set): PractitionerRole.code of a peer supporter. */
    public static final String PEER_SPECIALIST = "175T00000X";
    public static final String PEER_SPECIALIST_DISPLAY = "Peer Specialist";

    /** FHIR R4 service-category "Mental Health": HealthcareService.category of every peer support service. */
    public static final String MENTAL_HEALTH_CATEGORY = "22";
    public static final String MENTAL_HEALTH_CATEGORY_DISPLAY = "Mental Health";

    /** US National Provider Identifier, the identifier system of a Practitioner's NPI. */
    public static final String US_NPI = "http://hl7.org/fhir/sid/us-npi";

    private DirectoryCodes() {
    }

    public static CodeableConcept peerSpecialist() {
        return new CodeableConcept(new Coding(CodeSystems.NUCC_PROVIDER_TAXONOMY, PEER_SPECIALIST, PEER_SPECIALIST_DISPLAY));
    }

    public static CodeableConcept mentalHealthCategory() {
        return new CodeableConcept(new Coding(CodeSystems.SERVICE_CATEGORY, MENTAL_HEALTH_CATEGORY, MENTAL_HEALTH_CATEGORY_DISPLAY));
    }
}
