package org.peerbridge.server.security.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.storage.Database;

/**
 * Signed-in sessions in {@code web_session}, so any replica serves any session: the cookie value is 256
 * random bits of which only the SHA-256 is stored, each session has its own CSRF token, and a session ends
 * after {@link #IDLE_MILLIS} without a request, after {@link #LIFETIME_MILLIS} in any case, at sign-out,
 * or as soon as its user is disabled.
 */
public final class WebSessions {

    public static final long IDLE_MILLIS = 30 * 60_000L;
    public static final long LIFETIME_MILLIS = 12 * 60 * 60_000L;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A live session: who, and the token its forms must carry. */
    public record Active(WebUser user, String csrfToken) { }

    /** A new session: the cookie value to hand out, and the session. */
    public record Started(String cookie, Active session) { }

    private final Database database;

    public WebSessions(Database database) {
        this.database = database;
    }

    public Started start(WebUser user, long now) {
        String cookie = randomToken();
        String csrf = randomToken();
        database.inTransaction(c -> {
            try (PreparedStatement old = c.prepareStatement("DELETE FROM web_session WHERE username = ? AND last_seen < ?")) {
                old.setString(1, user.username());
                old.setLong(2, now - IDLE_MILLIS); // the user's expired sessions go when they next sign in
                old.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO web_session (token_hash, username, csrf_token, created, last_seen) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(cookie));
                ps.setString(2, user.username());
                ps.setString(3, csrf);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.executeUpdate();
            }
            return null;
        });
        return new Started(cookie, new Active(user, csrf));
    }

    /** The live session of a cookie, its idle clock restarted; empty when there is none (or it has ended). */
    public Optional<Active> find(String cookie, long now) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(cookie);
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, u.organization, s.csrf_token FROM web_session s"
                    + " JOIN web_user u ON u.username = s.username WHERE s.token_hash = ? AND u.enabled = TRUE"
                    + " AND s.last_seen >= ? AND s.created >= ?")) {
                ps.setString(1, hash);
                ps.setLong(2, now - IDLE_MILLIS);
                ps.setLong(3, now - LIFETIME_MILLIS);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Active active = new Active(new WebUser(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), true),
                            rs.getString(4));
                    try (PreparedStatement touch = c.prepareStatement("UPDATE web_session SET last_seen = ? WHERE token_hash = ?")) {
                        touch.setLong(1, now);
                        touch.setString(2, hash);
                        touch.executeUpdate();
                    }
                    return Optional.of(active);
                }
            }
        });
    }

    public void end(String cookie) {
        if (cookie == null) {
            return;
        }
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM web_session WHERE token_hash = ?")) {
                ps.setString(1, hash(cookie));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** 256 random bits, URL-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
