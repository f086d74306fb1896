package org.peerbridge.server.write;

import org.peerbridge.server.storage.UnitOfWork;

/** A delete of the live resource {@code type/id}, as the {@link WriteRule}s see it. */
public record DeleteContext(UnitOfWork uow, Actor actor, String type, String id) {
}
