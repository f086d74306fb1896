package org.peerbridge.server.security.access;

import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * Who is making the current request: the client (or signed-in user), the Organization it acts for, its
 * {@link Role} in the referral loop, what its token allows, and whether it sees every organization's data
 * (the program's own callers) or only its own.
 */
public record Caller(String clientId, String organization, Role role, ScopeSet scopes, boolean seesEverything) {
}
