package org.peerbridge.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One streaming pass over a JSON body before HAPI parses it: every name and every resourceType must be
 * non-empty (HAPI's parser fails on an empty one) and, like every string, FHIR text ({@link FhirText}); every number within {@link DecimalLimit}, nesting and lengths within the JSON
 * reader's limits. A syntax error is left to HAPI's parser, which locates it by line and column.
 */
final class JsonScreen {

    private static final JsonFactory JSON = new JsonFactory();

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
                    case VALUE_STRING -> "resourceType".equals(parser.currentName()) && parser.getText().isBlank()
                            ? "resourceType is empty: it must name the resource's type" : FhirText.problem(parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> DecimalLimit.problem(parser.getText());
                    default -> null;
                };
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
