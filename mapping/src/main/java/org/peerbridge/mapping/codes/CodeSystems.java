package org.peerbridge.mapping.codes;

/**
 * Canonical URIs of the code systems the product reads and writes. Each is the system URI used in
 * FHIR R4 {@code Coding.system}; where it comes from is noted on the constant and in docs/profile.md.
 */
public final class CodeSystems {

    /** SNOMED CT (all editions share this URI; the edition is a version, not a different system). */
    public static final String SNOMED_CT = "http://snomed.info/sct";

    /** HCPCS Level II, as named in HL7 Terminology (THO); e.g. H0038 self-help/peer services. */
    public static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    /** NUCC Health Care Provider Taxonomy; e.g. 175T00000X Peer Specialist. */
    public static final String NUCC_PROVIDER_TAXONOMY = "http://nucc.org/provider-taxonomy";

    /** FHIR R4 Task.code codes (task-code); e.g. fulfill. */
    public static final String TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code";

    /**
     * BSeR Task business status (HL7 BSeR IG, CodeSystem TaskBusinessStatusCS). Note that this code
     * system is declared case-insensitive.
     */
    public static final String BSER_TASK_BUSINESS_STATUS = "http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS";

    /** HL7 v3 ActCode, used for Encounter.class (AMB, VR, HH). */
    public static final String V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /** FHIR R4 observation-category; e.g. survey. */
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** UCUM units; e.g. {score}. */
    public static final String UCUM = "http://unitsofmeasure.org";

    private CodeSystems() {
    }
}
