package org.peerbridge.server.security.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;

/** The registered clients, in the database so every replica and the {@code clients} command share them. */
public final class ClientRegistry implements Registrations<RegisteredClient> {

    private static final String COLUMNS = "client_id, organization, scopes, jwks, jwks_url, enabled, created";

    private final Database database;
    private final Runnable afterRevocation;

    /** For the {@code clients} command on the database itself: running servers notice a disabled client within {@link GrantCache#REVOCATION_BOUND}. */
    public ClientRegistry(Database database) {
        this(database, () -> { });
    }

    /** {@code afterRevocation} runs once a client's disabling has committed (the server forgets remembered grants). */
    public ClientRegistry(Database database, Runnable afterRevocation) {
        this.database = database;
        this.afterRevocation = afterRevocation;
    }

    /** Registers a new client; false when the id is taken (nothing is changed then). */
    @Override
    public boolean add(RegisteredClient client) {
        return database.inTransaction(c -> {
            if (find(c, client.clientId()).isPresent()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO auth_client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", client.clientId(),
                    client.organization(), client.scopes().asString(), client.jwks(), client.jwksUrl(), client.enabled(), client.created());
            return true;
        });
    }

    public Optional<RegisteredClient> find(String clientId) {
        return database.inTransaction(c -> find(c, clientId));
    }

    @Override
    public List<RegisteredClient> list() {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT " + COLUMNS + " FROM auth_client ORDER BY client_id", ClientRegistry::read));
    }

    public boolean isEmpty() {
        return database.inTransaction(c -> Jdbc.queryOne(c, "SELECT 1 FROM auth_client", row -> true).isEmpty());
    }

    /**
     * Enables or disables a client. Disabling revokes every token issued to it, at once and for good: enabling
     * it again revives none of them. False when there is no such client.
     */
    @Override
    public boolean setEnabled(String clientId, boolean enabled) {
        boolean found = database.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE auth_client SET enabled = ? WHERE client_id = ?", enabled, clientId) != 1) {
                return false;
            }
            if (!enabled) {
                AccessTokens.revokeAll(c, clientId);
            }
            return true;
        });
        if (found && !enabled) {
            afterRevocation.run();
        }
        return found;
    }

    private static Optional<RegisteredClient> find(Connection c, String clientId) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + " FROM auth_client WHERE client_id = ?", ClientRegistry::read, clientId);
    }

    private static RegisteredClient read(ResultSet rs) throws SQLException {
        return new RegisteredClient(rs.getString("client_id"), rs.getString("organization"), ScopeSet.parse(rs.getString("scopes")),
                rs.getString("jwks"), rs.getString("jwks_url"), rs.getBoolean("enabled"), rs.getLong("created"));
    }
}
