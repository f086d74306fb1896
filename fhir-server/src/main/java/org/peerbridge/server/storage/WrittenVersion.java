package org.peerbridge.server.storage;

import org.hl7.fhir.r4.model.Resource;

/**
 * One version a unit of work has just written: {@code resource} is the new content (null for a
 * deletion) and {@code previous} the row it replaced (null for a create).
 */
public record WrittenVersion(String type, String id, int version, Method method, Resource resource, StoredVersion previous) {

    /** How the version came to be, as recorded in the history table. */
    public enum Method { CREATE, UPDATE, DELETE }
}
