package org.peerbridge.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request a scenario wants sent, independent of the HTTP client that sends it.
 *
 * @param method      HTTP method, e.g. POST
 * @param path        path relative to the FHIR base URL: "" for the base itself (transactions), "Patient", ...; or,
 *                    starting with "/", relative to the server's root (the web pages: "/referrals")
 * @param contentType media type of {@code body}, or null when there is no body
 * @param body        request body bytes, or null
 * @param headers     headers of this request, set over the run's own (-H) and the default Accept
 */
public record BenchRequest(String method, String path, String contentType, byte[] body, Map<String, String> headers) {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FORM = "application/x-www-form-urlencoded";

    public BenchRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException("contentType and body go together");
        }
        headers = Map.copyOf(headers);
    }

    public BenchRequest(String method, String path, String contentType, byte[] body) {
        this(method, path, contentType, body, Map.of());
    }

    /** A POST of a FHIR JSON body. */
    public static BenchRequest postFhirJson(String path, String json) {
        return new BenchRequest("POST", path, FHIR_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same request with one more header (or another value of it). */
    public BenchRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new BenchRequest(method, path, contentType, body, more);
    }

    /** The body as text (tests and error reports). */
    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
