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

/**
 * A PeerBridge server started for one test class on one {@link TestDatabase}, with a HAPI generic client
 * and a raw HTTP client for what the generic client cannot send (broken bodies, odd headers).
 */
public final class RunningServer implements AutoCloseable {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final TestDatabase database;
    private final TestDatabase.Prepared prepared;
    private PeerBridgeServer server;
    private IGenericClient client;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(TestDatabase database, TestDatabase.Prepared prepared, PeerBridgeServer server) {
        this.database = database;
        this.prepared = prepared;
        this.server = server;
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
        this.client = FHIR.newRestfulGenericClient(server.baseUrl());
    }

    public static RunningServer start(TestDatabase database) throws Exception {
        TestDatabase.Prepared prepared = database.prepare();
        return new RunningServer(database, prepared, PeerBridgeServer.start(prepared.config()));
    }

    /** Stops the server and starts a new one on the same database, e.g. to check what survived. */
    public void restart() {
        server.close();
        server = PeerBridgeServer.start(prepared.config());
        client = FHIR.newRestfulGenericClient(server.baseUrl());
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

    /** Sends a raw request; body may be null. */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        builder.header("Accept", "application/fhir+json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
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
