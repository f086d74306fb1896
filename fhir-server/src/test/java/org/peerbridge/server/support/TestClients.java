package org.peerbridge.server.support;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.security.auth.KeyedClient;
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
        return register(server, clientId, organization, scopes, HTTP);
    }

    /** As above, talking to the server through {@code http} (e.g. one that trusts a test certificate). */
    public static TokenClient register(PeerBridgeServer server, String clientId, String organization, String scopes, HttpClient http) {
        KeyedClient client = KeyedClient.generate(clientId, organization, ScopeSet.parse(scopes));
        if (!server.clients().add(client.registration())) {
            throw new IllegalStateException("client " + clientId + " is already registered");
        }
        return new TokenClient(server.baseUrl(), clientId, client.privateKey(), scopes, http);
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
