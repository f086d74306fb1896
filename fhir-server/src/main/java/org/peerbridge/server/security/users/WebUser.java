package org.peerbridge.server.security.users;

import org.peerbridge.mapping.access.Role;

/** A person who signs in to the web pages: their role in the referral loop and the Organization they act for. */
public record WebUser(String username, Role role, String organization, boolean enabled) {
}
