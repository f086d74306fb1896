package org.peerbridge.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.Ports;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;

/**
 * Health for balancers: /health/live and /health/ready answer without a token; ready only once the
 * validator has loaded; on shutdown the server reports not ready at once, keeps serving (writes too)
 * through the drain period, then stops listening. (H2 only: nothing here depends on storage.)
 */
class HealthAndDrainTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readyUntilDrainingThenServesUntilTheDrainPeriodEnds() throws Exception {
        try (RunningServer server = RunningServer.start(TestDatabase.H2, config -> config.withDrainPeriod(Duration.ofSeconds(10))
)) {
            String root = server.baseUrl().replaceFirst("/fhir$", "");
            assertEquals(200, get(root + "/health/live").statusCode());
            Eventually.until("ready once the validator has loaded", Duration.ofMinutes(5), () -> get(root + "/health/ready").statusCode() == 200);
            assertTrue(get(root + "/health/ready").body().contains("\"validator\":\"up\""));

            String token = server.accessToken(); // before the drain: the token endpoint closes with everything else
            int port = server.server().port(); // once closed, the connector no longer knows it
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server.server()::drainThenClose);
            Eventually.until("not ready while draining", () -> get(root + "/health/ready").statusCode() == 503);
            assertTrue(get(root + "/health/ready").body().contains("\"accepting\":\"down\""));
            assertEquals(200, get(server.baseUrl() + "/metadata").statusCode(), "still serving while draining");
            assertEquals(201, server.send("POST", "/Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",\"active\":true}",
                    "Authorization", "Bearer " + token).statusCode(), "still writing while draining");

            Eventually.until("the port closes after the drain period", () -> Ports.refusesConnections(port));
            stopping.get();
            assertThrows(java.io.UncheckedIOException.class, () -> get(root + "/health/live"));
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
