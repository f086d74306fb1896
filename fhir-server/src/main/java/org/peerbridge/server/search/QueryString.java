package org.peerbridge.server.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.refusal.Refusals;

/** Parses "a=1&b=2" criteria (If-None-Exist, search URLs inside Bundles) into parameters, as a search URL. */
public final class QueryString {

    private QueryString() {
    }

    /** {@code source} names where the criteria came from, to locate an error (e.g. If-None-Exist). */
    public static Map<String, String[]> parse(String criteria, String source) {
        String query = criteria.contains("?") ? criteria.substring(criteria.indexOf('?') + 1) : criteria;
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw Refusals.badRequest(IssueType.INVALID, Refusals.HTTP_LOCATION + source,
                        "'" + criteria + "' is not a search query such as identifier=system|value");
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
        return result;
    }
}
