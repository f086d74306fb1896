package org.peerbridge.server.storage;

import java.sql.SQLException;

/**
 * Told of every version a {@link UnitOfWork} writes, inside the same transaction, so that whatever must
 * follow a change (subscription events in the outbox, access scopes, audit) commits with it or not at all.
 * Listeners see server-made resources (the fulfilment Task, score Observations, safety Flags) as well as
 * the client's own.
 */
@FunctionalInterface
public interface VersionListener {

    void written(UnitOfWork unitOfWork, WrittenVersion written) throws SQLException;

    /** Once per unit of work that wrote anything, after its last write and before-commit step, just before commit. */
    default void completing(UnitOfWork unitOfWork) throws SQLException {
    }
}
