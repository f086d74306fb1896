package org.peerbridge.server.security.auth;

import java.sql.Connection;
import java.sql.SQLException;
import org.peerbridge.server.storage.Jdbc;

/**
 * The jti of every accepted client assertion, kept until the assertion expires, in the database so that
 * an assertion replayed to another replica is refused too.
 */
final class AssertionReplay {

    /** Records the jti; false when it was used before. Two concurrent uses collide on the primary key: one wins. */
    boolean firstUse(Connection c, String clientId, String jti, long expires, long now) throws SQLException {
        Jdbc.update(c, "DELETE FROM auth_assertion_jti WHERE expires < ?", now);
        return Jdbc.update(c, "INSERT INTO auth_assertion_jti (client_id, jti, expires) SELECT ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM auth_assertion_jti WHERE client_id = ? AND jti = ?)",
                clientId, jti, expires, clientId, jti) == 1;
    }
}
