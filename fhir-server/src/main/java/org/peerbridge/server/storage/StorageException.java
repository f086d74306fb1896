package org.peerbridge.server.storage;

/** A database failure that is not the client's fault; answered with 500 and rolled back. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
