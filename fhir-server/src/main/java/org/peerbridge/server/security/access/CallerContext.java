package org.peerbridge.server.security.access;

import java.util.Optional;
import org.peerbridge.server.security.RequestBound;
import org.peerbridge.server.storage.ReadScope;

/** The caller of the current request, bound by the authentication filter. */
public final class CallerContext {

    private static final RequestBound<Caller> CURRENT = new RequestBound<>();

    private CallerContext() {
    }

    public static Optional<Caller> current() {
        return CURRENT.current();
    }

    public static ReadScope.Binding bind(Caller caller) {
        return CURRENT.bind(caller);
    }
}
