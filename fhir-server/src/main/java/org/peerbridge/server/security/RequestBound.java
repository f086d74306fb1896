package org.peerbridge.server.security;

import java.util.Optional;
import org.peerbridge.server.storage.ReadScope;

/**
 * A value that belongs to the request the current thread serves. Jetty serves a request on one thread
 * from the first filter to the answer, so a thread-bound value reaches every layer (scope checks, the
 * access and audit listeners inside a write's transaction) without threading a parameter through each.
 */
public final class RequestBound<T> {

    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** The value, or empty outside a request (start-up data, background work). */
    public Optional<T> current() {
        return Optional.ofNullable(current.get());
    }

    /** Binds the value until the returned handle is closed. */
    public ReadScope.Binding bind(T value) {
        current.set(value);
        return current::remove;
    }
}
