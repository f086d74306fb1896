package org.peerbridge.server.write;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.server.storage.UnitOfWork;

/**
 * Domain rules that run inside a write's transaction. Checks return violations (nothing is stored if
 * there is any); "after" steps write the consequences in the same transaction.
 */
public interface WriteRules {

    /** An existing resource the incoming one duplicates (a retried create); it is answered instead of a new one. */
    default Optional<Resource> existingDuplicate(UnitOfWork uow, Resource incoming) throws SQLException {
        return Optional.empty();
    }

    /**
     * Locks, before {@code type/id}'s own row is locked for an update, the rows this rule's consequences
     * will lock, so that every write takes related rows in one order and two writes cannot deadlock.
     */
    default void lockAhead(UnitOfWork uow, String type, String id) throws SQLException {
    }

    /** Fills in server-managed content before the checks; {@code before} is null for a create. */
    default void prepare(UnitOfWork uow, Resource before, Resource incoming) {
    }

    default List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) throws SQLException {
        return List.of();
    }

    default void afterCreate(UnitOfWork uow, Resource created) throws SQLException {
    }

    default List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
        return List.of();
    }

    default void afterUpdate(UnitOfWork uow, Resource before, Resource after) throws SQLException {
    }

    /** Reasons not to delete the live resource {@code type/id}, beyond the references to it. */
    default List<RuleViolation> checkDelete(UnitOfWork uow, String type, String id) throws SQLException {
        return List.of();
    }
}
