package org.peerbridge.server.security.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * A client registration made together with a new ES384 key pair: the registration holds the public key,
 * the private key goes to whoever runs the client (a file with mode 0600, a test).
 */
public record KeyedClient(RegisteredClient registration, ECKey privateKey) {

    public static KeyedClient generate(String clientId, String organization, ScopeSet scopes) {
        ECKey key = AdminBootstrap.newSigningKey(clientId);
        return new KeyedClient(new RegisteredClient(clientId, organization, scopes, new JWKSet(key.toPublicJWK()).toString(), null,
                true, System.currentTimeMillis()), key);
    }
}
