package org.peerbridge.mapping.codes;

/**
 * Codes that identify a peer support referral and its fulfilment. Systems are in {@link CodeSystems}.
 */
public final class ReferralCodes {

    /**
     * SNOMED CT "Referral to peer support (procedure)": ServiceRequest.code of a peer support referral.
     * Source: HL7 US Behavioral Health Profiles IG, example ServiceRequest-peer-mentoring-example-1.
     */
    public static final String PEER_SUPPORT_REFERRAL = "461481000124109";

    /** Display recorded for {@link #PEER_SUPPORT_REFERRAL} in that source. */
    public static final String PEER_SUPPORT_REFERRAL_DISPLAY = "Referral to peer support (procedure)";

    /** task-code "fulfill": Task.code of the one fulfilment Task per referral. */
    public static final String FULFILL = "fulfill";

    private ReferralCodes() {
    }
}
