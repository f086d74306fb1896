package org.peerbridge.server.storage;

import java.nio.file.Path;

/** The embedded database's folder is open in another process (a running server): only one may use it. */
public final class DataFolderInUse extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataFolderInUse(Path folder) {
        super("Another PeerBridge process is using the data folder " + folder.toAbsolutePath()
                + "; stop it first, or give this one its own --data-dir");
    }
}
