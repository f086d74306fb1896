package org.peerbridge.server.write;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * A domain rule that runs inside a write's transaction, for the resource types it names only. For each
 * create or update the {@link ResourceWriter} calls, rule by rule in {@link RulePhase} order: every rule's
 * {@link #prepare}, then every rule's {@link #check} (nothing is stored if any returns an error), then stores
 * the version, then every rule's {@link #after}. One {@link WriteContext} travels through all of them, so what
 * {@code prepare} works out reaches {@code check} and {@code after}. Rules are called for the server's own
 * versions too ({@link Actor#SERVER}), which they write through {@link WriteContext#server()}.
 *
 * <p>Rules are shared by all requests: keep them free of per-write fields (put per-write state in the context).
 */
public interface WriteRule {

    /** The resource types this rule is about; it is never called for any other. */
    Set<String> types();

    RulePhase phase();

    /** An existing resource a client's create duplicates (a retried create): it is answered instead of a new one. */
    default Optional<Resource> existingDuplicate(WriteContext write) throws SQLException {
        return Optional.empty();
    }

    /**
     * Locks, before the row of the resource {@code id} (of one of {@link #types()}) is locked for a
     * client's update, the rows this rule's consequences will lock, so that every write takes related
     * rows in one order and two writes cannot deadlock.
     */
    default void lockAhead(UnitOfWork uow, String id) throws SQLException {
    }

    /** Fills in server-managed content, and works out what the later steps need (kept in the context). */
    default void prepare(WriteContext write) throws SQLException {
    }

    /** What is wrong with the write; errors refuse it, warnings ride along with errors. */
    default List<RuleViolation> check(WriteContext write) throws SQLException {
        return List.of();
    }

    /** Writes the consequences of the stored version in the same transaction. */
    default void after(WriteContext write) throws SQLException {
    }

    /** Reasons not to delete the live resource, beyond the references to it. */
    default List<RuleViolation> checkDelete(DeleteContext delete) throws SQLException {
        return List.of();
    }
}
