package org.peerbridge.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One streaming pass over a JSON body before HAPI parses it: every name and every resourceType must be
 * non-empty and every item of an extension list an object (HAPI's parser fails on either instead of
 * refusing it) and, like every string, FHIR text ({@link FhirText}); every number within {@link DecimalLimit}, nesting and lengths within the JSON
 * reader's limits. A syntax error is left to HAPI's parser, which locates it by line and column.
 */
final class JsonScreen {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> EXTENSION_LISTS = Set.of("extension", "modifierExtension");

    private JsonScreen() {
    }

    /** {@code typeHint}: the resource type the URL names, used in locations until the body names its own. */
    static void check(String json, String typeHint) {
        String rootType = typeHint;
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String problem = switch (token) {
                    case FIELD_NAME -> parser.getText().isEmpty() ? "A property with an empty name: every FHIR JSON property names an element"
                            : FhirText.problem(parser.getText());
                    case VALUE_STRING -> stringProblem(parser.currentName(), parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> DecimalLimit.problem(parser.getText());
                    default -> null;
                };
                JsonStreamContext extensions = extensionListHolding(token, parser.getParsingContext());
                if (extensions != null && token != JsonToken.START_OBJECT) {
                    throw new RefusedInput(IssueType.STRUCTURE, path(rootType, extensions),
                            "An extension must be a JSON object with a url, not " + describe(token));
                }
                if (token == JsonToken.VALUE_STRING && "resourceType".equals(parser.currentName())
                        && parser.getParsingContext().getParent().inRoot()) {
                    rootType = parser.getText();
                }
                if (problem != null) {
                    throw new RefusedInput(token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING ? IssueType.INVALID : IssueType.VALUE,
                            path(rootType, parser.getParsingContext()), problem);
                }
            }
        } catch (StreamConstraintsException e) {
            throw new RefusedInput(IssueType.TOOLONG, location(e), "The JSON exceeds a limit of the reader: "
                    + e.getOriginalMessage().replaceAll(" \\(from `[^`]*`\\)", "").replaceAll(" \\([^)]*StreamReadConstraints[^)]*\\)", ""));
        } catch (JsonProcessingException e) {
            // malformed JSON: HAPI's parser refuses it with its own located message
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static String stringProblem(String name, String text) {
        if ("resourceType".equals(name) && text.isBlank()) {
            return "resourceType is empty: it must name the resource's type";
        }
        String problem = FhirText.problem(text);
        return problem == null && "div".equals(name) ? NarrativeXhtml.problem(text) : problem; // only Narrative has a div
    }

    /** The extension list (extension or modifierExtension) the token is an item of, or null. */
    private static JsonStreamContext extensionListHolding(JsonToken token, JsonStreamContext context) {
        if (token == JsonToken.FIELD_NAME || token.isStructEnd()) {
            return null;
        }
        // a token that opens an object or array has already entered it: its list is one level up
        JsonStreamContext list = token.isStructStart() ? context.getParent() : context;
        String name = list.inArray() ? list.getParent().getCurrentName() : null; // null for an array at the root or in an array
        return name != null && EXTENSION_LISTS.contains(name) ? list : null;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a number";
        };
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? null : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** The FHIRPath of the current token, e.g. Observation.component[1].valueQuantity.value. */
    private static String path(String rootType, JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                path.insert(0, "[" + Math.max(at.getCurrentIndex(), 0) + "]");
            } else if (at.getCurrentName() != null && !at.getCurrentName().isEmpty()) { // an empty name is located at its object
                path.insert(0, "." + at.getCurrentName());
            }
        }
        String type = rootType == null || !rootType.matches("[A-Z][A-Za-z]*") ? "Resource" : rootType;
        return type + path;
    }
}
