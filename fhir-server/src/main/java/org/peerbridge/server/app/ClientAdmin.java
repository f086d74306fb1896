package org.peerbridge.server.app;

import java.util.List;
import org.peerbridge.server.security.auth.ClientRegistry;
import org.peerbridge.server.security.auth.RegisteredClient;

/**
 * What the {@code clients} command does, wherever the registry is: in a stopped server's files, or behind a
 * running server's admin API ({@link AdminApiClients}). Never through a database port.
 */
interface ClientAdmin {

    /** False when the id is taken. */
    boolean add(RegisteredClient client);

    List<RegisteredClient> list();

    /** False when there is no such client. */
    boolean setEnabled(String clientId, boolean enabled);

    /** The registry in the database itself, for a server that is not running (or PostgreSQL). */
    static ClientAdmin of(ClientRegistry registry) {
        return new ClientAdmin() {
            @Override
            public boolean add(RegisteredClient client) {
                return registry.add(client);
            }

            @Override
            public List<RegisteredClient> list() {
                return registry.list();
            }

            @Override
            public boolean setEnabled(String clientId, boolean enabled) {
                return registry.setEnabled(clientId, enabled);
            }
        };
    }
}
