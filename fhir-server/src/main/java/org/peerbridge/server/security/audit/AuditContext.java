package org.peerbridge.server.security.audit;

import java.util.Optional;
import org.peerbridge.server.security.RequestBound;
import org.peerbridge.server.storage.ReadScope;

/** The audit record of the current request, bound by the audit filter. */
public final class AuditContext {

    private static final RequestBound<AuditRecord> CURRENT = new RequestBound<>();

    private AuditContext() {
    }

    public static Optional<AuditRecord> current() {
        return CURRENT.current();
    }

    public static ReadScope.Binding bind(AuditRecord record) {
        return CURRENT.bind(record);
    }
}
