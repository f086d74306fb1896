package org.peerbridge.server.security.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The jti of every accepted client assertion, kept until the assertion expires, in the database so that
 * an assertion replayed to another replica is refused too.
 */
final class AssertionReplay {

    /** Records the jti; false when it was used before. Two concurrent uses collide on the primary key: one wins. */
    boolean firstUse(Connection c, String clientId, String jti, long expires, long now) throws SQLException {
        try (PreparedStatement purge = c.prepareStatement("DELETE FROM auth_assertion_jti WHERE expires < ?")) {
            purge.setLong(1, now);
            purge.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_assertion_jti (client_id, jti, expires) SELECT ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM auth_assertion_jti WHERE client_id = ? AND jti = ?)")) {
            ps.setString(1, clientId);
            ps.setString(2, jti);
            ps.setLong(3, expires);
            ps.setString(4, clientId);
            ps.setString(5, jti);
            return ps.executeUpdate() == 1;
        }
    }
}
