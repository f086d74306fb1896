package org.peerbridge.server.security.users;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;

/**
 * The web users in {@code web_user}, shared by replicas and the {@code users} command, and the sign-in
 * check with its throttle: after {@link #FAILURES_BEFORE_LOCK} wrong passwords in a row a user is locked
 * for {@link #LOCK_MILLIS}, right password or not, so guessing gets a handful of tries per quarter hour.
 */
public final class UserRegistry {

    public static final int FAILURES_BEFORE_LOCK = 5;
    public static final long LOCK_MILLIS = 15 * 60_000L;

    private static final String COLUMNS = "username, role, organization, enabled";

    /** How a sign-in ended: the user, or empty for wrong name, wrong password, disabled or locked (not told apart). */
    public record SignIn(Optional<WebUser> user) { }

    private final Database database;
    private final PasswordHasher hasher = new PasswordHasher();

    public UserRegistry(Database database) {
        this.database = database;
    }

    /** Adds the user with the password's hash; false when the name is taken. */
    public boolean add(WebUser user, String password) {
        String hash = PasswordHasher.hash(password);
        return database.inTransaction(c -> {
            if (find(c, user.username()).isPresent()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO web_user (" + COLUMNS + ", password_hash, failed_logins, locked_until, created)"
                    + " VALUES (?, ?, ?, ?, ?, 0, 0, ?)", user.username(), user.role().name(), user.organization(), user.enabled(),
                    hash, System.currentTimeMillis());
            return true;
        });
    }

    public Optional<WebUser> find(String username) {
        return database.inTransaction(c -> find(c, username));
    }

    public List<WebUser> list() {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT " + COLUMNS + " FROM web_user ORDER BY username", UserRegistry::user));
    }

    /** Enables or disables; a disabled user's sessions stop working at once. False for an unknown name. */
    public boolean setEnabled(String username, boolean enabled) {
        return update("UPDATE web_user SET enabled = ?, failed_logins = 0, locked_until = 0 WHERE username = ?", enabled, username);
    }

    /** Sets a new password and lifts a lock. False for an unknown name. */
    public boolean setPassword(String username, String password) {
        String hash = PasswordHasher.hash(password);
        return update("UPDATE web_user SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE username = ?", hash, username);
    }

    /** Checks a password, counting failures and honouring the lock. */
    public SignIn signIn(String username, String password, long now) {
        Optional<Stored> stored = database.inTransaction(c -> stored(c, username));
        if (stored.isEmpty()) {
            hasher.matchNothing(password);
            return new SignIn(Optional.empty());
        }
        boolean matches = hasher.matches(password, stored.get().hash());
        boolean admitted = matches && stored.get().lockedUntil() <= now && stored.get().user().enabled();
        database.inTransaction(c -> admitted
                ? Jdbc.update(c, "UPDATE web_user SET failed_logins = 0, locked_until = 0 WHERE username = ?", username)
                : Jdbc.update(c, "UPDATE web_user SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= "
                        + FAILURES_BEFORE_LOCK + " THEN ? ELSE locked_until END WHERE username = ?", now + LOCK_MILLIS, username));
        return new SignIn(admitted ? Optional.of(stored.get().user()) : Optional.empty());
    }

    private record Stored(WebUser user, String hash, long lockedUntil) { }

    private static Optional<Stored> stored(Connection c, String username) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + COLUMNS + ", password_hash, locked_until FROM web_user WHERE username = ?",
                row -> new Stored(user(row), row.getString(5), row.getLong(6)), username);
    }

    static Optional<WebUser> find(Connection c, String username) throws SQLException {
        return stored(c, username).map(Stored::user);
    }

    private static WebUser user(ResultSet rs) throws SQLException {
        return new WebUser(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4));
    }

    private boolean update(String sql, Object... args) {
        return database.inTransaction(c -> Jdbc.update(c, sql, args) == 1);
    }
}
