package org.peerbridge.server.security.access;

import java.util.Optional;
import org.peerbridge.server.storage.ReadScope;

/**
 * The caller of the request the current thread is serving. Jetty serves a request on one thread from
 * the security filter to the answer, so a thread-bound value reaches every layer (scope checks, the
 * access and audit listeners) without threading a parameter through each of them.
 */
public final class CallerContext {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerContext() {
    }

    /** The caller, or empty outside a request (start-up data, background work). */
    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Binds the caller until the returned handle is closed. */
    public static ReadScope.Binding bind(Caller caller) {
        CURRENT.set(caller);
        return CURRENT::remove;
    }
}
