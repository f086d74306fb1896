package org.peerbridge.server.security.audit;

import java.util.Optional;
import org.peerbridge.server.storage.ReadScope;

/** The audit record of the request the current thread serves (see CallerContext for why a thread-bound value). */
public final class AuditContext {

    private static final ThreadLocal<AuditRecord> CURRENT = new ThreadLocal<>();

    private AuditContext() {
    }

    public static Optional<AuditRecord> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static ReadScope.Binding bind(AuditRecord record) {
        CURRENT.set(record);
        return CURRENT::remove;
    }
}
