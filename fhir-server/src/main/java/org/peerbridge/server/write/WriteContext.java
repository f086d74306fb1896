package org.peerbridge.server.write;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * One create or update as the {@link WriteRule}s see it: who makes it, the stored version it replaces (none
 * for a create), the new content, and what rules have prepared for the later steps of the same write. A new
 * context is made for every write, the server's own included; it lives only as long as that write.
 */
public final class WriteContext {

    private final UnitOfWork uow;
    private final Actor actor;
    private final Resource before;
    private final Resource resource;
    private final ServerWrites server;
    private final Map<Key<?>, Object> prepared = new HashMap<>();

    WriteContext(UnitOfWork uow, Actor actor, Resource before, Resource resource, ServerWrites server) {
        this.uow = uow;
        this.actor = actor;
        this.before = before;
        this.resource = resource;
        this.server = server;
    }

    public UnitOfWork uow() {
        return uow;
    }

    public Actor actor() {
        return actor;
    }

    public boolean isCreate() {
        return before == null;
    }

    /** The version being replaced; empty for a create. */
    public Optional<Resource> before() {
        return Optional.ofNullable(before);
    }

    /** The new content; rules may fill in what the server manages in {@link WriteRule#prepare}. */
    public Resource resource() {
        return resource;
    }

    public Date now() {
        return uow.now();
    }

    /** The versions a rule writes as consequences go through the same rules, as the server's. */
    public ServerWrites server() {
        return server;
    }

    public <T> void put(Key<T> key, T value) {
        prepared.put(key, value);
    }

    /** What an earlier step of this write put under {@code key}; a rule that needs it and finds none is a bug. */
    public <T> T get(Key<T> key) {
        Object value = prepared.get(key);
        if (value == null) {
            throw new IllegalStateException(key.name() + " was not prepared before it was needed");
        }
        return key.type().cast(value);
    }

    public <T> Optional<T> find(Key<T> key) {
        return Optional.ofNullable(prepared.get(key)).map(key.type()::cast);
    }

    /** A name for something a rule prepares, with its type. */
    public record Key<T>(String name, Class<T> type) {
    }
}
