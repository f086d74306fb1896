package org.peerbridge.server.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.utilities.json.model.JsonArray;
import org.hl7.fhir.utilities.json.model.JsonElement;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.json.parser.JsonParser;

/**
 * The JSON a client actually sent, for validation of exactly that text (see ResourceValidator).
 * It is parsed once, into the JSON model the validator's element parser reads, so neither a resource
 * nor a Bundle entry is serialised and parsed again on its way to the validator.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /** The request body if it is JSON, else null (XML is parsed with its types intact). */
    public static JsonObject body(RequestDetails request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return parse(request.loadRequestContents());
    }

    /** Each Bundle entry's resource as the JSON the client sent, index for index; null where absent. */
    public static List<JsonObject> entryResources(JsonObject bundleJson, int entryCount) {
        JsonArray entries = bundleJson == null ? null : bundleJson.getJsonArray("entry");
        List<JsonObject> resources = new ArrayList<>();
        for (int i = 0; i < entryCount; i++) {
            JsonElement entry = entries == null || i >= entries.size() ? null : entries.get(i);
            resources.add(entry instanceof JsonObject object && object.get("resource") instanceof JsonObject resource ? resource : null);
        }
        return resources;
    }

    /**
     * Parses JSON with the settings the validator's own parser uses (comments and duplicate names
     * reported, not refused); null if it cannot, and the caller validates the parsed resource instead.
     */
    static JsonObject parse(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return JsonParser.parseObject(new String(json, StandardCharsets.UTF_8), true, true, 0);
        } catch (Exception e) {
            return null; // HAPI's parser accepted the body, so this cannot really happen
        }
    }
}
