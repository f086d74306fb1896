package org.peerbridge.server.security.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.Jdbc;

/**
 * Bearer tokens: 256 random bits, opaque to clients. The database keeps only their SHA-256 hash with the
 * client, scopes and expiry, so every replica accepts them and disabling a client ends its tokens at once.
 */
public final class AccessTokens {

    /** What an issued token stands for, with its client's organization and whether the client is still enabled. */
    public record Grant(String clientId, String scopes, long expires, String organization, boolean clientEnabled) { }

    private final SecureRandom random = new SecureRandom();

    String issue(Connection c, String clientId, String scopes, long expires, long now) throws SQLException {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Jdbc.update(c, "DELETE FROM auth_token WHERE expires < ?", now);
        Jdbc.update(c, "INSERT INTO auth_token (token_hash, client_id, scopes, expires) VALUES (?, ?, ?, ?)",
                Digests.sha256Hex(token), clientId, scopes, expires);
        return token;
    }

    /** Ends every token of a client (it was disabled): enabling it again revives none of them. */
    static void revokeAll(Connection c, String clientId) throws SQLException {
        Jdbc.update(c, "DELETE FROM auth_token WHERE client_id = ?", clientId);
    }

    /** The grant of a token, whatever its expiry; empty when it was never issued. */
    public Optional<Grant> find(Connection c, String token) throws SQLException {
        return findByHash(c, Digests.sha256Hex(token));
    }

    /** The grant of the token with this SHA-256 hash ({@link GrantCache} keeps hashes, never tokens). */
    Optional<Grant> findByHash(Connection c, String tokenHash) throws SQLException {
        return Jdbc.queryOne(c, "SELECT t.client_id, t.scopes, t.expires, c.organization, c.enabled"
                + " FROM auth_token t JOIN auth_client c ON c.client_id = t.client_id WHERE t.token_hash = ?",
                row -> new Grant(row.getString(1), row.getString(2), row.getLong(3), row.getString(4), row.getBoolean(5)),
                tokenHash);
    }
}
