package org.peerbridge.server.security.launch;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.List;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.Jdbc;

/**
 * PeerBridge's own key pair as a SMART app: it signs the client assertion with which PeerBridge authenticates at
 * an EHR's token endpoint (private_key_jwt), and its public half is published at {@code /launch/jwks} for the
 * EHR to register. Made on first use and kept in the database, so every replica signs with the same key; if two
 * replicas make one at the same moment, both are published and the oldest signs.
 */
public final class LaunchKeys {

    private final Database database;

    public LaunchKeys(Database database) {
        this.database = database;
    }

    /** The key that signs, made now if there is none. */
    public ECKey signingKey() {
        List<ECKey> keys = keys();
        if (!keys.isEmpty()) {
            return keys.get(0);
        }
        ECKey made = AdminBootstrap.newSigningKey("peerbridge-launch");
        database.inTransaction(c -> Jdbc.update(c, "INSERT INTO launch_key (kid, private_jwk, created) VALUES (?, ?, ?)",
                made.getKeyID(), made.toJSONString(), System.currentTimeMillis()));
        return keys().get(0);
    }

    /** The public keys, for EHRs to check PeerBridge's assertions with. */
    public JWKSet publicKeys() {
        signingKey();
        return new JWKSet(keys().stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    private List<ECKey> keys() {
        return database.inTransaction(c -> Jdbc.queryList(c, "SELECT private_jwk FROM launch_key ORDER BY created, kid", row -> {
            try {
                return ECKey.parse(row.getString(1));
            } catch (ParseException e) {
                throw new IllegalStateException("launch_key holds a key that is not an EC JWK", e);
            }
        }));
    }
}
