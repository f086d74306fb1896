package org.peerbridge.server.security.auth;

import org.peerbridge.server.security.scope.ScopeSet;

/**
 * A client allowed to ask for tokens: the Organization it acts for (a reference such as
 * Organization/general-hospital), the most it may be granted, and its public keys, given inline as a
 * JWKS document or as the URL of one.
 */
public record RegisteredClient(String clientId, String organization, ScopeSet scopes, String jwks, String jwksUrl,
                               boolean enabled, long created) {
}
