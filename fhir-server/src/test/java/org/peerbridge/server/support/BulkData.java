package org.peerbridge.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bulk Data client as the IG describes one, over plain HTTP: kick-off with Prefer: respond-async, poll
 * the Content-Location until the manifest comes, download each file with the same bearer token.
 */
public final class BulkData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BulkData() {
    }

    /** A GET kick-off of {@code path} (e.g. /$export?_type=Patient) with the headers the IG requires. */
    public static HttpResponse<String> kickOff(String base, String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async").header("Authorization", "Bearer " + token).GET());
    }

    /** A POST kick-off with a Parameters body. */
    public static HttpResponse<String> kickOff(String base, String token, String path, String parameters) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async").header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(parameters)));
    }

    /** The status URL of an accepted kick-off (asserting the 202). */
    public static String statusUrl(HttpResponse<String> kickOff) {
        if (kickOff.statusCode() != 202) {
            throw new AssertionError("kick-off answered " + kickOff.statusCode() + ": " + kickOff.body());
        }
        return kickOff.headers().firstValue("Content-Location").orElseThrow(() -> new AssertionError("no Content-Location"));
    }

    public static HttpResponse<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    public static HttpResponse<String> delete(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE());
    }

    /** Polls the status URL until the export is done, and returns the manifest; an error answer fails at once. */
    public static JsonNode manifest(String statusUrl, String token) {
        HttpResponse<String> done = Eventually.value("the export at " + statusUrl + " to finish", () -> get(statusUrl, token),
                answer -> answer.statusCode() != 202);
        if (done.statusCode() != 200) {
            throw new AssertionError("status answered " + done.statusCode() + ": " + done.body());
        }
        return json(done.body());
    }

    /** Every line of every output file of the type, parsed. */
    public static List<JsonNode> resources(JsonNode manifest, String arrayName, String type, String token) {
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode file : manifest.path(arrayName)) {
            if (file.path("type").asText().equals(type)) {
                HttpResponse<String> answer = get(file.path("url").asText(), token);
                if (answer.statusCode() != 200) {
                    throw new AssertionError("download answered " + answer.statusCode() + ": " + answer.body());
                }
                answer.body().lines().map(BulkData::json).forEach(resources::add);
            }
        }
        return resources;
    }

    /** The ids of the resources of the type in the manifest's output files. */
    public static List<String> ids(JsonNode manifest, String type, String token) {
        return resources(manifest, "output", type, token).stream().map(resource -> resource.path("id").asText()).sorted().toList();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
