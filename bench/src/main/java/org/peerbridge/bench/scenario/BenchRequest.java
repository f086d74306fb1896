package org.peerbridge.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HTTP request a scenario wants sent, independent of the HTTP client that sends it.
 *
 * @param method      HTTP method, e.g. POST
 * @param path        path relative to the FHIR base URL: "" for the base itself (transactions), "Patient", ...
 * @param contentType media type of {@code body}, or null when there is no body
 * @param body        request body bytes, or null
 */
public record BenchRequest(String method, String path, String contentType, byte[] body) {

    public static final String FHIR_JSON = "application/fhir+json";

    public BenchRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException("contentType and body go together");
        }
    }

    /** A POST of a FHIR JSON body. */
    public static BenchRequest postFhirJson(String path, String json) {
        return new BenchRequest("POST", path, FHIR_JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as text (tests and error reports). */
    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
