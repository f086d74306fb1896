package org.peerbridge.server.security.launch;

import org.peerbridge.server.security.auth.ClientRequests;

/**
 * Checks what an operator asks to register, from the {@code ehrs} command or the admin endpoint: a name, the
 * EHR's issuer URL, the referring Organization (not the program's) it launches clinicians of, PeerBridge's client id there, and
 * exactly one source of the EHR's public keys.
 */
public final class EhrRequests {

    /** Short, so that a launched user's name ({@code <name>/<fhirUser>}) fits where users are named. */
    static final int MAX_NAME = 40;

    private EhrRequests() {
    }

    /** The registration, enabled; IllegalArgumentException saying what is wrong. */
    public static EhrRegistration registration(String name, String issuer, String organization, String clientId, String jwks,
            String jwksUrl, String programOrganization) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1," + MAX_NAME + "}")) {
            throw new IllegalArgumentException("The EHR's name must be 1 to " + MAX_NAME + " letters, digits, '.', '_' or '-'");
        }
        if (issuer == null) {
            throw new IllegalArgumentException("The EHR's issuer (its FHIR base URL, the launch's iss) is needed");
        }
        if (organization == null || !organization.matches("Organization/[A-Za-z0-9\\-.]{1,64}")) {
            throw new IllegalArgumentException("The organization must be a reference like Organization/general-hospital");
        }
        if (organization.equals(programOrganization)) {
            // a launched user is a referrer of the organization: of the program's, they would see every referral
            throw new IllegalArgumentException("An EHR launches clinicians of a referring organization, not of the program's ("
                    + programOrganization + "); the program's staff sign in");
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 255) {
            throw new IllegalArgumentException("The client id PeerBridge has at the EHR is needed (at most 255 characters)");
        }
        if ((jwks == null) == (jwksUrl == null)) {
            throw new IllegalArgumentException("Give exactly one source of the EHR's keys: a public JWKS, or the URL of one");
        }
        return new EhrRegistration(name, ClientRequests.httpUrl(issuer(issuer), "issuer"), organization, clientId,
                jwks == null ? null : ClientRequests.publicKeys(jwks), jwksUrl == null ? null : ClientRequests.httpUrl(jwksUrl, "JWKS URL"),
                true, System.currentTimeMillis());
    }

    /** An issuer as compared: without trailing slashes, so "…/fhir/" and "…/fhir" are one EHR. */
    static String issuer(String issuer) {
        return issuer.replaceAll("/+$", "");
    }
}
