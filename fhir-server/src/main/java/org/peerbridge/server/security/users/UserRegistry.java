package org.peerbridge.server.security.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.storage.Database;

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
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO web_user (" + COLUMNS
                    + ", password_hash, failed_logins, locked_until, created) VALUES (?, ?, ?, ?, ?, 0, 0, ?)")) {
                ps.setString(1, user.username());
                ps.setString(2, user.role().name());
                ps.setString(3, user.organization());
                ps.setBoolean(4, user.enabled());
                ps.setString(5, hash);
                ps.setLong(6, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    public Optional<WebUser> find(String username) {
        return database.inTransaction(c -> find(c, username));
    }

    public List<WebUser> list() {
        return database.inTransaction(c -> {
            List<WebUser> users = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM web_user ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(user(rs));
                }
            }
            return users;
        });
    }

    /** Enables or disables; a disabled user's sessions stop working at once. False for an unknown name. */
    public boolean setEnabled(String username, boolean enabled) {
        return update("UPDATE web_user SET enabled = ?, failed_logins = 0, locked_until = 0 WHERE username = ?",
                ps -> ps.setBoolean(1, enabled), username);
    }

    /** Sets a new password and lifts a lock. False for an unknown name. */
    public boolean setPassword(String username, String password) {
        String hash = PasswordHasher.hash(password);
        return update("UPDATE web_user SET password_hash = ?, failed_logins = 0, locked_until = 0 WHERE username = ?",
                ps -> ps.setString(1, hash), username);
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
        database.inTransaction(c -> {
            String sql = admitted ? "UPDATE web_user SET failed_logins = 0, locked_until = 0 WHERE username = ?"
                    : "UPDATE web_user SET failed_logins = failed_logins + 1, locked_until = CASE WHEN failed_logins + 1 >= "
                            + FAILURES_BEFORE_LOCK + " THEN ? ELSE locked_until END WHERE username = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (admitted) {
                    ps.setString(1, username);
                } else {
                    ps.setLong(1, now + LOCK_MILLIS);
                    ps.setString(2, username);
                }
                ps.executeUpdate();
            }
            return null;
        });
        return new SignIn(admitted ? Optional.of(stored.get().user()) : Optional.empty());
    }

    private record Stored(WebUser user, String hash, long lockedUntil) { }

    private static Optional<Stored> stored(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", password_hash, locked_until FROM web_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(user(rs), rs.getString(5), rs.getLong(6))) : Optional.empty();
            }
        }
    }

    static Optional<WebUser> find(Connection c, String username) throws SQLException {
        return stored(c, username).map(Stored::user);
    }

    private static WebUser user(ResultSet rs) throws SQLException {
        return new WebUser(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4));
    }

    private boolean update(String sql, Binder first, String username) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                first.bind(ps);
                ps.setString(2, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
