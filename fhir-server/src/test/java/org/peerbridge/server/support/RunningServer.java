package org.peerbridge.server.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.security.client.TokenClient;

/**
 * A PeerBridge server started for one test class on one {@link TestDatabase}, with a HAPI generic client
 * and a raw HTTP client for what the generic client cannot send (broken bodies, odd headers). Both send
 * the bearer token of a registered test client acting for the program (every scope), so authorization
 * is on in every test; {@link #clientFor} makes clients of other organizations and scopes.
 */
public final class RunningServer implements AutoCloseable {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final TestDatabase database;
    private final TestDatabase.Prepared prepared;
    private PeerBridgeServer server;
    private IGenericClient client;
    private TokenClient tokens;
    private int clients;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(TestDatabase database, TestDatabase.Prepared prepared, PeerBridgeServer server) {
        this.database = database;
        this.prepared = prepared;
        this.server = server;
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        connectProgramClient();
    }

    private void connectProgramClient() {
        tokens = TestClients.register(server, "test-program-" + (++clients), prepared.config().programOrg(), TestClients.ALL_SCOPES);
        client = FHIR.newRestfulGenericClient(server.baseUrl());
        client.registerInterceptor(TestClients.bearer(tokens));
    }

    /** A generic client of a newly registered client acting for {@code organization} with {@code scopes}. */
    public IGenericClient clientFor(String clientId, String organization, String scopes) {
        IGenericClient other = FHIR.newRestfulGenericClient(server.baseUrl());
        other.registerInterceptor(TestClients.bearer(TestClients.register(server, clientId, organization, scopes)));
        return other;
    }

    /** Registers a client and returns its token client, to get tokens or assertions by hand. */
    public TokenClient register(String clientId, String organization, String scopes) {
        return TestClients.register(server, clientId, organization, scopes);
    }

    /** The client id of the default (program) test client. */
    public String clientId() {
        return tokens.clientId();
    }

    /** A live token of the default (program) test client. */
    public String accessToken() {
        return tokens.accessToken();
    }

    public PeerBridgeServer server() {
        return server;
    }

    /** A connection to the server's database, to set up states no request can make (an expired token). */
    public java.sql.Connection jdbc() throws java.sql.SQLException {
        return prepared.jdbc();
    }

    public static RunningServer start(TestDatabase database) throws Exception {
        return start(database, config -> config);
    }

    /** As {@link #start(TestDatabase)}, with settings changed from the test defaults (a fixed port, a base URL). */
    public static RunningServer start(TestDatabase database, java.util.function.UnaryOperator<ServerConfig> adjust) throws Exception {
        TestDatabase.Prepared prepared = database.prepare();
        TestDatabase.Prepared adjusted = new TestDatabase.Prepared(adjust.apply(prepared.config()), prepared.cleanup());
        return new RunningServer(database, adjusted, PeerBridgeServer.start(adjusted.config()));
    }

    /** Another replica: a second server, on a port of its own, over the same database; the caller closes it. */
    public PeerBridgeServer startReplica() {
        return PeerBridgeServer.start(prepared.config().withPort(0));
    }

    /** A generic client of the default (program) test client talking to the server at {@code baseUrl}. */
    public IGenericClient clientAt(String baseUrl) {
        return clientAt(baseUrl, tokens);
    }

    /** A generic client with the tokens of {@code client} talking to the server at {@code baseUrl}. */
    public IGenericClient clientAt(String baseUrl, TokenClient client) {
        IGenericClient other = FHIR.newRestfulGenericClient(baseUrl);
        other.registerInterceptor(TestClients.bearer(client));
        return other;
    }

    /** Stops the server and starts a new one on the same database, e.g. to check what survived. */
    public void restart() {
        restart(config -> config);
    }

    /** As {@link #restart()}, with settings changed for this run only (the next plain restart uses the test's own). */
    public void restart(java.util.function.UnaryOperator<ServerConfig> adjust) {
        server.close();
        server = PeerBridgeServer.start(adjust.apply(prepared.config()));
        connectProgramClient();
    }

    public ServerConfig config() {
        return prepared.config();
    }

    public FhirContext fhir() {
        return FHIR;
    }

    public IGenericClient client() {
        return client;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public TestDatabase database() {
        return database;
    }

    /** Sends a raw request with the default client's token (unless headers name an Authorization); body may be null. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return sendWithoutToken(method, path, contentType, body, headers);
            }
        }
        String[] withToken = java.util.Arrays.copyOf(headers, headers.length + 2);
        withToken[headers.length] = "Authorization";
        withToken[headers.length + 1] = "Bearer " + accessToken();
        return sendWithoutToken(method, path, contentType, body, withToken);
    }

    /** Sends a raw request exactly as given: no token is added. */
    public HttpResponse<String> sendWithoutToken(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.header("Accept", "application/fhir+json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + method + " " + path, e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            prepared.cleanup().run();
        }
    }
}
