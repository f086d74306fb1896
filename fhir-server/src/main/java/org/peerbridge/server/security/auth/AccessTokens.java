package org.peerbridge.server.security.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import org.peerbridge.server.storage.Digests;

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
        try (PreparedStatement purge = c.prepareStatement("DELETE FROM auth_token WHERE expires < ?")) {
            purge.setLong(1, now);
            purge.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_token (token_hash, client_id, scopes, expires) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, Digests.sha256Hex(token));
            ps.setString(2, clientId);
            ps.setString(3, scopes);
            ps.setLong(4, expires);
            ps.executeUpdate();
        }
        return token;
    }

    /** Ends every token of a client (it was disabled): enabling it again revives none of them. */
    static void revokeAll(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM auth_token WHERE client_id = ?")) {
            ps.setString(1, clientId);
            ps.executeUpdate();
        }
    }

    /** The grant of a token, whatever its expiry; empty when it was never issued. */
    public Optional<Grant> find(Connection c, String token) throws SQLException {
        return findByHash(c, Digests.sha256Hex(token));
    }

    /** The grant of the token with this SHA-256 hash ({@link GrantCache} keeps hashes, never tokens). */
    Optional<Grant> findByHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.client_id, t.scopes, t.expires, c.organization, c.enabled"
                + " FROM auth_token t JOIN auth_client c ON c.client_id = t.client_id WHERE t.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Grant(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5)))
                        : Optional.empty();
            }
        }
    }
}
