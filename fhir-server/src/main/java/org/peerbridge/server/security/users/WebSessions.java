package org.peerbridge.server.security.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Digests;
import org.peerbridge.server.storage.Jdbc;

/**
 * Signed-in sessions in {@code web_session}, so any replica serves any session: the cookie value is 256
 * random bits of which only the SHA-256 is stored, each session has its own CSRF token, and a session ends
 * after {@link #IDLE_MILLIS} without a request, after {@link #LIFETIME_MILLIS} in any case, at sign-out,
 * or as soon as its user (for a session opened by an EHR launch: the EHR's registration) is disabled.
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

    /** A signed-in user's session. */
    public Started start(WebUser user, long now) {
        return start(user.username(), null, new Active(user, randomToken()), now);
    }

    /**
     * A session opened by an EHR launch, for a user the EHR vouched for: a referrer of the EHR's organization, named
     * {@code username}, as long as the EHR registration {@code ehr} stays enabled.
     */
    public Started startLaunched(String ehr, String username, String organization, long now) {
        return start(username, ehr, new Active(new WebUser(username, Role.REFERRER, organization, true), randomToken()), now);
    }

    private Started start(String username, String ehr, Active session, long now) {
        String cookie = randomToken();
        database.inTransaction(c -> {
            // the user's expired sessions go when they next sign in
            Jdbc.update(c, "DELETE FROM web_session WHERE username = ? AND last_seen < ?", username, now - IDLE_MILLIS);
            return Jdbc.update(c, "INSERT INTO web_session (token_hash, username, ehr, csrf_token, created, last_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    Digests.sha256Hex(cookie), username, ehr, session.csrfToken(), now, now);
        });
        return new Started(cookie, session);
    }

    /** The live session of a cookie, its idle clock restarted; empty when there is none (or it has ended). */
    public Optional<Active> find(String cookie, long now) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        String hash = Digests.sha256Hex(cookie);
        return database.inTransaction(c -> {
            // a signed-in user's role and organization are their web_user row's; a launched user is a referrer of the EHR's organization
            Optional<Active> active = Jdbc.queryOne(c, "SELECT s.username, u.role, COALESCE(u.organization, e.organization), s.csrf_token"
                    + " FROM web_session s LEFT JOIN web_user u ON s.ehr IS NULL AND u.username = s.username"
                    + " LEFT JOIN ehr_registration e ON e.name = s.ehr"
                    + " WHERE s.token_hash = ? AND (u.enabled = TRUE OR e.enabled = TRUE) AND s.last_seen >= ? AND s.created >= ?",
                    row -> new Active(new WebUser(row.getString(1), row.getString(2) == null ? Role.REFERRER : Role.valueOf(row.getString(2)),
                            row.getString(3), true), row.getString(4)),
                    hash, now - IDLE_MILLIS, now - LIFETIME_MILLIS);
            if (active.isPresent()) {
                Jdbc.update(c, "UPDATE web_session SET last_seen = ? WHERE token_hash = ?", now, hash);
            }
            return active;
        });
    }

    public void end(String cookie) {
        if (cookie == null) {
            return;
        }
        database.inTransaction(c -> Jdbc.update(c, "DELETE FROM web_session WHERE token_hash = ?", Digests.sha256Hex(cookie)));
    }

    /** 256 random bits, URL-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
