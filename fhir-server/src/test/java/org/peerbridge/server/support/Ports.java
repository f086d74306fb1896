package org.peerbridge.server.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;

/** Whether a server still listens, from a client's side. */
public final class Ports {

    private Ports() {
    }

    /** True once nothing accepts connections on the local port (the server closed its listener). */
    public static boolean refusesConnections(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
