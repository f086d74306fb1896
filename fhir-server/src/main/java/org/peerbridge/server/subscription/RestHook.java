package org.peerbridge.server.subscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one notification Bundle to a rest-hook endpoint: POST application/fhir+json with the
 * subscription's channel headers, bounded by its timeout. Anything but a 2xx answer in time is a failure.
 */
final class RestHook {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    /** Null when the endpoint acknowledged, else why not. */
    String post(SubscriptionState subscription, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
                    .timeout(Duration.ofMillis(subscription.timeoutMs()))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            for (String header : subscription.headers()) {
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "The endpoint answered HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while sending (server stopping)";
        } catch (java.net.http.HttpTimeoutException e) {
            return "The endpoint did not answer within " + subscription.timeoutMs() / 1000 + " s";
        } catch (Exception e) {
            return "The endpoint could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
    }
}
