package org.peerbridge.server.rest.openapi;

/**
 * What the OpenAPI description says about getting a token, handed in by the assembly because the
 * security layer that owns these values sits above the API's.
 *
 * @param path the token endpoint, under the FHIR base
 * @param discoveryPath the SMART discovery document, under the FHIR base
 * @param grantType the one grant type the endpoint takes
 * @param assertionType the one client assertion type it takes
 */
public record TokenEndpoint(String path, String discoveryPath, String grantType, String assertionType) {
}
