package org.peerbridge.server.security.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.peerbridge.server.search.SearchParamDef;
import org.peerbridge.server.search.SearchParamType;
import org.peerbridge.server.search.SearchParameterRegistry;

/**
 * The request line as the audit trail keeps it: the path, and the query with the values that could
 * name or date a person (string and date search parameters: names, birth dates) replaced by "***".
 * Ids, codes, identifiers and references stay, so an auditor can tell what was looked up.
 */
public final class QueryRedaction {

    static final String REDACTED = "***";
    private static final Set<String> KEPT_RESULT_PARAMETERS = Set.of("_id", "_lastUpdated", "_since", "_at", "_count", "_offset",
            "_sort", "_include", "_revinclude", "_total", "_format", "_summary", "_elements", "_pretty", "_type", "_outputFormat");

    private final SearchParameterRegistry registry;

    public QueryRedaction(SearchParameterRegistry registry) {
        this.registry = registry;
    }

    /** {@code path} relative to the server root (/fhir/Patient), {@code query} as sent (may be null). */
    public String redact(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        String type = resourceType(path);
        StringBuilder out = new StringBuilder(path).append('?');
        String joiner = "";
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            out.append(joiner).append(name);
            if (equals >= 0) {
                out.append('=').append(keeps(type, name) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : REDACTED);
            }
            joiner = "&";
        }
        return out.toString();
    }

    private boolean keeps(String type, String rawName) {
        String name = rawName.contains(":") ? rawName.substring(0, rawName.indexOf(':')) : rawName;
        if (KEPT_RESULT_PARAMETERS.contains(name)) {
            return true;
        }
        SearchParamType paramType = type == null ? null : registry.find(type, name).map(SearchParamDef::type).orElse(null);
        return paramType == SearchParamType.TOKEN || paramType == SearchParamType.REFERENCE;
    }

    /** The type of /fhir/Type[/...], or null. */
    private static String resourceType(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("fhir") && parts[i + 1].matches("[A-Z][A-Za-z]+")) {
                return parts[i + 1];
            }
        }
        return null;
    }
}
