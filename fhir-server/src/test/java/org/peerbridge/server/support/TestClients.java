package org.peerbridge.server.support;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpClient;
import java.time.Duration;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * Registers API clients for tests the way an operator does (a key pair, the public key in the registry)
 * and gets their tokens the way an EHR does (signed assertion, token endpoint), so every test runs with
 * authorization on.
 */
public final class TestClients {

    /** Scopes of the default test client: everything, as the program. */
    public static final String ALL_SCOPES = "system/*.cruds peerbridge/admin";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestClients() {
    }

    /** Registers a client with a new ES384 key and returns a token client for it. */
    public static TokenClient register(PeerBridgeServer server, String clientId, String organization, String scopes) {
        ECKey key = AdminBootstrap.newSigningKey(clientId);
        boolean added = server.clients().add(new RegisteredClient(clientId, organization, ScopeSet.parse(scopes),
                new JWKSet(key.toPublicJWK()).toString(), null, true, System.currentTimeMillis()));
        if (!added) {
            throw new IllegalStateException("client " + clientId + " is already registered");
        }
        return new TokenClient(server.baseUrl(), clientId, key, scopes, HTTP);
    }

    /** Adds "Authorization: Bearer" with a live token to every request of a HAPI client. */
    public static IClientInterceptor bearer(TokenClient tokens) {
        return new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                request.addHeader("Authorization", "Bearer " + tokens.accessToken());
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                // nothing to read
            }
        };
    }
}
