package org.peerbridge.server.write;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.StoredVersion;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * The versions the server writes itself as consequences of a write (the fulfilment Task, the Task that
 * follows its referral, a session's Procedure, a score, a safety alert, the final report), in the same
 * transaction and through the same {@link WriteRule}s as a client's, with {@link Actor#SERVER}.
 */
public final class ServerWrites {

    private final ResourceWriter writer;
    private final UnitOfWork uow;

    ServerWrites(ResourceWriter writer, UnitOfWork uow) {
        this.writer = writer;
        this.uow = uow;
    }

    /** Stores a new resource (the store picks its id unless it has one). */
    public <T extends Resource> T create(T resource) throws SQLException {
        writer.store(uow, Actor.SERVER, List.of(), resource, null, null);
        return resource;
    }

    /**
     * Locks the current version of {@code type/id} and hands a copy of it to {@code change}, which returns the
     * next version or empty when nothing needs to change. The resource must exist: the rules found it.
     *
     * @return the version written, if any
     */
    public <T extends Resource> Optional<T> update(Class<T> type, String id, Function<T, Optional<T>> change) throws SQLException {
        String typeName = type.getSimpleName();
        StoredVersion current = uow.lockCurrentRow(typeName, id).filter(row -> !row.deleted())
                .orElseThrow(() -> new IllegalStateException("The server updates " + typeName + "/" + id + ", which is not live"));
        T before = type.cast(uow.decode(current));
        Optional<T> next = change.apply(type.cast(before.copy()));
        if (next.isPresent()) {
            writer.replace(uow, Actor.SERVER, current, before, next.get(), List.of(), null);
        }
        return next;
    }
}
