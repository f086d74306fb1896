package org.peerbridge.server.search;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the indexer reads for a search parameter's FHIRPath expression: element paths for
 * {@link ca.uhn.fhir.util.FhirTerser}, and the target types (empty: any) a reference must have to count.
 * The indexer reads elements with the terser rather than a FHIRPath engine, which would load every R4
 * StructureDefinition at start-up and evaluate more slowly on every write. So this reads the part of
 * FHIRPath that the supported parameters use: element paths joined by {@code |}, {@code extension('url')},
 * and a trailing {@code where(resolve() is Type)}, which restricts the parameter to references to that type
 * (R4's {@code patient} is {@code subject} restricted so). Each path is walked through the R4 model (a choice
 * element becomes the terser's {@code name[x]}), so an expression it cannot follow stops the server at
 * start-up instead of indexing nothing.
 */
record IndexedElements(List<String> paths, List<String> targetTypes) {

    private static final Pattern RESOLVE_FILTER = Pattern.compile("(.*)\\.where\\(resolve\\(\\) is ([A-Za-z]+)\\)");
    private static final Pattern EXTENSION = Pattern.compile("extension\\('[^']+'\\)");

    /** What the indexer reads for {@code expression}, a parameter of {@code resourceType}. */
    static IndexedElements of(FhirContext fhirContext, String resourceType, String expression) {
        List<String> paths = new ArrayList<>();
        Set<List<String>> targets = new HashSet<>();
        for (String part : expression.split("\\|")) {
            String path = part.trim();
            Matcher filter = RESOLVE_FILTER.matcher(path);
            targets.add(filter.matches() ? List.of(filter.group(2)) : List.of());
            paths.add(path(fhirContext, resourceType, filter.matches() ? filter.group(1) : path, expression));
        }
        if (targets.size() > 1) {
            throw unsupported(expression, "its paths restrict references differently");
        }
        return new IndexedElements(List.copyOf(paths), targets.iterator().next());
    }

    private static String path(FhirContext fhirContext, String resourceType, String part, String expression) {
        List<String> segments = segments(part);
        if (!segments.get(0).equals(resourceType)) {
            throw unsupported(expression, "it does not start at " + resourceType);
        }
        StringBuilder path = new StringBuilder(resourceType);
        BaseRuntimeElementCompositeDefinition<?> element = fhirContext.getResourceDefinition(resourceType);
        for (int i = 1; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            String name = EXTENSION.matcher(segment).matches() ? "extension" : segment;
            BaseRuntimeChildDefinition child = element.getChildByName(name);
            if (child == null && last && element.getChildByName(name + "[x]") != null) {
                return path.append('.').append(name).append("[x]").toString(); // a choice: whichever type it holds
            }
            if (child == null) {
                throw unsupported(expression, "'" + segment + "' is not an element of " + element.getName() + " the terser can read");
            }
            path.append('.').append(segment);
            BaseRuntimeElementDefinition<?> next = child.getChildByName(name);
            if (!last) {
                if (!(next instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                    throw unsupported(expression, "'" + segment + "' has no elements to follow");
                }
                element = composite;
            }
        }
        return path.toString();
    }

    /** The dot-separated steps, a dot inside parentheses or quotes (an extension's URL) not counting. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (char ch : path.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            }
            if (ch == '.' && depth == 0 && !quoted) {
                segments.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static IllegalArgumentException unsupported(String expression, String why) {
        return new IllegalArgumentException("PeerBridge cannot index the search expression '" + expression + "': " + why);
    }
}
