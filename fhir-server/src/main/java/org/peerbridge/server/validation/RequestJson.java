package org.peerbridge.server.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON a client actually sent, for validation of exactly that text (see ResourceValidator). */
public final class RequestJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestJson() {
    }

    /** The request body if it is JSON, else null (XML is parsed with its types intact). */
    public static byte[] body(RequestDetails request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return request.loadRequestContents();
    }

    /** Each Bundle entry's resource as the JSON the client sent, index for index; null where absent. */
    public static List<byte[]> entryResources(byte[] bundleJson, int entryCount) {
        List<byte[]> resources = new ArrayList<>();
        JsonNode entries = null;
        if (bundleJson != null) {
            try {
                entries = MAPPER.readTree(bundleJson).path("entry");
            } catch (IOException e) {
                entries = null; // the FHIR parser accepted it, so this cannot really happen; validate re-encoded
            }
        }
        for (int i = 0; i < entryCount; i++) {
            JsonNode resource = entries == null ? null : entries.path(i).get("resource");
            resources.add(resource == null ? null : toBytes(resource));
        }
        return resources;
    }

    private static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            return null;
        }
    }
}
