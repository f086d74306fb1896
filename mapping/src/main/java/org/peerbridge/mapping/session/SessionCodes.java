package org.peerbridge.mapping.session;

/**
 * The product's own code systems and codes for peer sessions, where no published code fits (the search
 * for one is recorded in docs/sessions.md), plus the published codes sessions use.
 */
public final class SessionCodes {

    /** PeerBridge CodeSystem for Encounter.type: individual or group peer support (see {@link SessionType}). */
    public static final String SESSION_TYPE_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/peer-session-type";

    /** PeerBridge CodeSystem for how a booked session turned out; used in Encounter.reasonCode for a no-show. */
    public static final String SESSION_ATTENDANCE_SYSTEM = "http://peerbridge.org/fhir/CodeSystem/peer-session-attendance";

    /** The one attendance code: booked but not attended. */
    public static final String NO_SHOW = "no-show";
    public static final String NO_SHOW_DISPLAY = "Did not attend (no-show)";

    /** HCPCS H0038: the Procedure.code of an attended session. */
    public static final String H0038 = "H0038";
    public static final String H0038_DISPLAY = "Self-help/peer services, per 15 minutes";

    /** SNOMED CT "Social service procedure", Procedure.category (R4 procedure-category value set). */
    public static final String SOCIAL_SERVICE_PROCEDURE = "410606002";
    public static final String SOCIAL_SERVICE_PROCEDURE_DISPLAY = "Social service procedure";

    /** SDOHCC category of the referral and of its activity (HL7 us-behavioral-health-profiles example). */
    public static final String SDOHCC_SOCIAL_CONNECTION = "social-connection";
    public static final String SDOHCC_SOCIAL_CONNECTION_DISPLAY = "Social Connection";

    /** SDOHCC Task.output.type of the performed-activity slice. */
    public static final String SDOHCC_RESULTING_ACTIVITY = "resulting-activity";
    public static final String SDOHCC_RESULTING_ACTIVITY_DISPLAY = "Resulting Activity";

    /** Extension on the session's Procedure: the number of billable 15-minute units (valueInteger). */
    public static final String BILLING_UNITS_EXTENSION = "http://peerbridge.org/fhir/StructureDefinition/billing-units";

    /** UCUM code of Encounter.length. */
    public static final String UCUM_MINUTE = "min";

    private SessionCodes() {
    }
}
