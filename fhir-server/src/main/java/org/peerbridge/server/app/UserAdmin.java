package org.peerbridge.server.app;

import java.util.List;
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.WebUser;

/**
 * What the {@code users} command does, wherever the users are: in a stopped server's database, or behind a
 * running server's admin API ({@link AdminApiUsers}).
 */
interface UserAdmin {

    /** False when the name is taken. */
    boolean add(WebUser user, String password);

    List<WebUser> list();

    /** False when there is no such user. */
    boolean setEnabled(String username, boolean enabled);

    /** False when there is no such user. */
    boolean setPassword(String username, String password);

    /** The users in the database itself, for a server that is not running (or PostgreSQL). */
    static UserAdmin of(UserRegistry registry) {
        return new UserAdmin() {
            @Override
            public boolean add(WebUser user, String password) {
                return registry.add(user, password);
            }

            @Override
            public List<WebUser> list() {
                return registry.list();
            }

            @Override
            public boolean setEnabled(String username, boolean enabled) {
                return registry.setEnabled(username, enabled);
            }

            @Override
            public boolean setPassword(String username, String password) {
                return registry.setPassword(username, password);
            }
        };
    }
}
