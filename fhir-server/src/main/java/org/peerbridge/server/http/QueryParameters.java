package org.peerbridge.server.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Reads URL parameters (a query string, or the form body of a POST search) strictly: a broken
 * %-escape, bytes that are not UTF-8 or a control character is a 400 located at the parameter, never
 * a guess. The result parameters HAPI applies itself ({@code _summary}, {@code _elements}) are checked
 * here too, since HAPI ignores values it does not know.
 */
public final class QueryParameters {

    public static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> SUMMARY_VALUES = Set.of("true", "text", "data", "count", "false");
    private static final Pattern ELEMENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

    private QueryParameters() {
    }

    /** The parameters of {@code query} in order; null or empty gives none. */
    public static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, rawName);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            checkResultParameter(name, value);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String encoded, String parameter) {
        String location = "http." + printable(parameter);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    throw new RefusedInput(IssueType.INVALID, location, "Broken %-escape in URL parameter '" + printable(parameter)
                            + "': '%' must be followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        String decoded = FhirText.decodeUtf8(bytes.toByteArray(), location);
        String problem = FhirText.problem(decoded);
        if (problem != null) {
            throw new RefusedInput(IssueType.INVALID, location, problem + " (URL parameter '" + printable(parameter) + "')");
        }
        return decoded;
    }

    private static void checkResultParameter(String name, String value) {
        if (name.equals("_summary") && !SUMMARY_VALUES.contains(value)) {
            throw new RefusedInput(IssueType.VALUE, "http._summary",
                    "_summary must be one of true, text, data, count, false; not '" + value + "'");
        }
        if (name.equals("_elements")) {
            for (String element : value.split(",", -1)) {
                if (!ELEMENT_NAME.matcher(element.trim()).matches()) {
                    throw new RefusedInput(IssueType.VALUE, "http._elements",
                            "_elements must be a comma-separated list of element names; '" + element + "' is not one");
                }
            }
        }
    }

    /** The parameter name as it may be echoed in a message: short, no control characters. */
    private static String printable(String name) {
        String shown = name.replaceAll("[\\p{Cntrl}]", "?");
        return shown.length() > 60 ? shown.substring(0, 60) + "..." : shown;
    }
}
