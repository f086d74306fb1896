package org.peerbridge.server.security.access;

import org.peerbridge.server.security.scope.ScopeSet;

/**
 * Who is making the current request: the client, the Organization it acts for, what its token allows,
 * and whether it sees every organization's data (the program's own clients) or only its own.
 */
public record Caller(String clientId, String organization, ScopeSet scopes, boolean seesEverything) {
}
