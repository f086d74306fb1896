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

    /** HL7 v3 ParticipationType, used for Encounter.participant.type; e.g. PPRF primary performer. */
    public static final String V3_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /**
     * HL7 SDOH Clinical Care temporary codes; e.g. resulting-activity (Task.output.type of the performed
     * activity slice) and social-connection.
     */
    public static final String SDOHCC_TEMPORARY_CODES = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

    /** FHIR R4 service-category (HealthcareService.category); e.g. 22 Mental Health. */
    public static final String SERVICE_CATEGORY = "http://terminology.hl7.org/CodeSystem/service-category";

    /** FHIR R4 service-referral-method (HealthcareService.referralMethod); e.g. elec, phone. */
    public static final String SERVICE_REFERRAL_METHOD = "http://terminology.hl7.org/CodeSystem/service-referral-method";

    /** FHIR R4 service-provision-conditions (HealthcareService.serviceProvisionCode); e.g. free. */
    public static final String SERVICE_PROVISION_CONDITIONS = "http://terminology.hl7.org/CodeSystem/service-provision-conditions";

    /** BCP 47 language tags (HealthcareService.communication, Practitioner.communication); e.g. en, es. */
    public static final String BCP_47 = "urn:ietf:bcp:47";

    /** FHIR R4 observation-category; e.g. survey. */
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** UCUM units; e.g. {score}. */
    public static final String UCUM = "http://unitsofmeasure.org";

    /** LOINC: questionnaire panels, items, total scores and LA answer codes (docs/outcomes.md). */
    public static final String LOINC = "http://loinc.org";

    /** PeerBridge: severity bands of outcome scores, used as Observation.interpretation (docs/outcomes.md). */
    public static final String SCORE_BAND = "http://peerbridge.org/fhir/CodeSystem/score-band";

    /** PeerBridge: baseline, day-30, day-60, day-90 or unscheduled, on each score Observation. */
    public static final String ASSESSMENT_TIME_POINT = "http://peerbridge.org/fhir/CodeSystem/assessment-time-point";

    /** PeerBridge: answers to UCLA-3 and WHO-5 items, which have no verified LOINC answer codes. */
    public static final String OUTCOME_ANSWER = "http://peerbridge.org/fhir/CodeSystem/outcome-answer";

    private CodeSystems() {
    }
}
