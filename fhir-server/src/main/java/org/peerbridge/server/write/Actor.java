package org.peerbridge.server.write;

import org.peerbridge.mapping.access.Role;

/**
 * Who a write is made for: a client or signed-in user acting for an organization in a {@link Role}, or the
 * server itself, writing a version that a rule requires (the fulfilment Task, a score, the Task's next
 * business status). Rules that judge what a client may send let the server's own versions through; every
 * other rule, listener and the audit sees them alike.
 */
public record Actor(Role role, String organization, boolean isServer) {

    /** The server, acting for the program. */
    public static final Actor SERVER = new Actor(Role.PROGRAM, null, true);

    public static Actor client(Role role, String organization) {
        return new Actor(role, organization, false);
    }
}
