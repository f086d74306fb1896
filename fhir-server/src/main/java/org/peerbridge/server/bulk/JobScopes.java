package org.peerbridge.server.bulk;

import org.peerbridge.server.storage.ReadScope;

/**
 * What the client that asked for an export may read, rebuilt for the worker that runs it in the background:
 * the same rules as the client's own reads (the security layer's), from what the kick-off recorded.
 */
@FunctionalInterface
public interface JobScopes {

    /** @param scopes the kick-off token's scopes, space-separated */
    ReadScope readScope(String clientId, String organization, String scopes);
}
