package org.peerbridge.server.storage;

/** One stored version of a resource exactly as the database holds it. */
public record StoredVersion(
        String type, String id, int version, long lastUpdated, boolean deleted, String method, String body) {
}
