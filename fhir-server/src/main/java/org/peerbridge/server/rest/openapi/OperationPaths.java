package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paths of one operation, at each level the server runs it ({@code /$op}, {@code /Type/$op},
 * {@code /Type/{id}/$op}): POST with a Parameters body (which may be empty when nothing is required), and GET
 * with the parameters in the URL when the operation changes nothing and needs no complex input.
 */
final class OperationPaths {

    static final String SYSTEM_TAG = "System";

    private final FhirComponents components;

    OperationPaths(FhirComponents components) {
        this.components = components;
    }

    /** @param type the resource type it is listed on, or null for a server-level operation */
    void add(Paths paths, String type, OperationShape shape, String definition) {
        if (type == null) {
            add(paths, "/$" + shape.name(), SYSTEM_TAG, "system", List.of(), shape, definition);
            return;
        }
        if (shape.type()) {
            add(paths, "/" + type + "/$" + shape.name(), type, "type", List.of(), shape, definition);
        }
        if (shape.instance()) {
            add(paths, "/" + type + "/{" + FhirComponents.ID + "}/$" + shape.name(), type, "instance",
                    List.of(FhirComponents.idParameter()), shape, definition);
        }
    }

    private void add(Paths paths, String path, String tag, String level, List<Parameter> levelParameters, OperationShape shape,
            String definition) {
        String summary = shape.title() != null ? shape.title() : "$" + shape.name() + switch (level) {
            case "system" -> "";
            case "type" -> " of the type";
            default -> " of one " + tag;
        };
        String description = (shape.description() == null ? "" : shape.description() + "\n\n") + "Definition: " + definition;
        String result = shape.output() == null ? "Resource" : shape.output();
        boolean bodyRequired = shape.inputs().stream().anyMatch(input -> input.min() > 0);
        Operation post = new Operation().operationId(tag + "-" + shape.name() + "-" + level + "-post").summary(summary)
                .description(description).addTagsItem(tag).parameters(levelParameters.isEmpty() ? null : levelParameters)
                .requestBody(components.body("Parameters", inputsText(shape), bodyRequired))
                .responses(components.answers(Map.of("200", components.answer("The result", result))));
        ResourcePaths.item(paths, path).setPost(post);
        if (shape.idempotent() && shape.inputs().stream().allMatch(input -> input.min() == 0 || input.primitive())) {
            List<Parameter> parameters = new ArrayList<>(levelParameters);
            shape.inputs().stream().filter(OperationShape.Input::primitive).map(OperationPaths::queryParameter).forEach(parameters::add);
            ResourcePaths.item(paths, path).setGet(new Operation().operationId(tag + "-" + shape.name() + "-" + level + "-get")
                    .summary(summary).description(description).addTagsItem(tag).parameters(parameters.isEmpty() ? null : parameters)
                    .responses(components.answers(Map.of("200", components.answer("The result", result)))));
        }
    }

    private static String inputsText(OperationShape shape) {
        if (shape.inputs().isEmpty()) {
            return "A Parameters resource without parameters, or no body";
        }
        StringBuilder text = new StringBuilder("A Parameters resource with:");
        for (OperationShape.Input input : shape.inputs()) {
            text.append("\n- ").append(input.name()).append(" (").append(input.fhirType() == null ? "any type" : input.fhirType())
                    .append(input.min() > 0 ? ", required" : "").append(input.repeats() ? ", repeats" : "").append(')');
            if (input.documentation() != null && !input.documentation().isBlank()) {
                text.append(": ").append(input.documentation());
            }
        }
        return text.toString();
    }

    private static Parameter queryParameter(OperationShape.Input input) {
        Schema<?> value = switch (input.fhirType()) {
            case "boolean" -> new BooleanSchema();
            case "integer", "positiveInt", "unsignedInt" -> new IntegerSchema();
            case "decimal" -> new NumberSchema();
            case "date" -> new StringSchema().format("date");
            default -> new StringSchema();
        };
        return new QueryParameter().name(input.name()).description(input.documentation()).required(input.min() > 0)
                .explode(input.repeats() ? Boolean.TRUE : null)
                .schema(input.repeats() ? new ArraySchema().items(value) : value);
    }
}
