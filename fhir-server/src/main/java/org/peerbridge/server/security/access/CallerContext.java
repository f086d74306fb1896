package org.peerbridge.server.security.access;

import java.util.Optional;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.mapping.access.RolePermissions;
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

    /** Why the current caller may not ask for {@code interaction}, for what answers outside HAPI (the admin API). */
    public static Optional<String> refusal(Interaction interaction, String type) {
        Optional<Caller> caller = current();
        return caller.isEmpty() ? Optional.of("No caller") : RolePermissions.refuseInteraction(caller.get().role(), interaction, type);
    }

    public static ReadScope.Binding bind(Caller caller) {
        return CURRENT.bind(caller);
    }
}
