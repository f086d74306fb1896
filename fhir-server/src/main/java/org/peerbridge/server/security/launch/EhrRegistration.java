package org.peerbridge.server.security.launch;

/**
 * An EHR whose clinicians open PeerBridge from inside it (SMART App Launch, EHR launch): its name here, its
 * issuer (the FHIR base URL it sends as {@code iss}), the referring Organization whose clinicians it launches,
 * the client id PeerBridge has at that EHR, and the public keys that sign its id_tokens, given inline as a
 * JWKS document or as the URL of one.
 */
public record EhrRegistration(String name, String issuer, String organization, String clientId, String jwks, String jwksUrl,
                              boolean enabled, long created) {
}
