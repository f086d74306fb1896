package org.peerbridge.server.security.auth;

import java.util.List;

/**
 * Registrations an operator manages: the API clients, the EHRs that launch PeerBridge. The registries in the
 * database implement it, and so do the admin commands' clients of a running server's admin API, so a command
 * works the same on either.
 */
public interface Registrations<T> {

    /** Registers one; false when its id (or another unique part of it) is taken, and nothing is changed. */
    boolean add(T registration);

    List<T> list();

    /** Enables or disables the one with this id; false when there is none. */
    boolean setEnabled(String id, boolean enabled);
}
