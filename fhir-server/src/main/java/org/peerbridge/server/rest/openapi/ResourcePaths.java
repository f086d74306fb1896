package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;

/** The paths of one resource type, one for each interaction its CapabilityStatement entry lists. */
final class ResourcePaths {

    private final FhirComponents components;

    ResourcePaths(FhirComponents components) {
        this.components = components;
    }

    void add(Paths paths, CapabilityStatementRestResourceComponent resource) {
        String type = resource.getType();
        String collection = "/" + type;
        String instance = collection + "/{" + FhirComponents.ID + "}";
        for (ResourceInteractionComponent interaction : resource.getInteraction()) {
            switch (interaction.getCode()) {
                case SEARCHTYPE -> item(paths, collection).setGet(operation(type, "search", "Search " + type + " resources",
                        SearchParameters.of(resource), Map.of("200", components.answer("A searchset Bundle of the matches", "Bundle"))));
                case CREATE -> item(paths, collection).setPost(create(resource));
                case READ -> item(paths, instance).setGet(operation(type, "read", "Read a " + type, List.of(FhirComponents.idParameter()),
                        Map.of("200", components.answer("The current version", type))));
                case UPDATE -> item(paths, instance).setPut(update(resource));
                case DELETE -> item(paths, instance).setDelete(operation(type, "delete", "Delete a " + type,
                        List.of(FhirComponents.idParameter()), Map.of("200", components.answer("Deleted", "OperationOutcome"))));
                case VREAD -> item(paths, instance + "/_history/{" + FhirComponents.VERSION + "}").setGet(operation(type, "vread",
                        "Read one version of a " + type, List.of(FhirComponents.idParameter(), FhirComponents.versionParameter()),
                        Map.of("200", components.answer("That version", type))));
                case HISTORYINSTANCE -> item(paths, instance + "/_history").setGet(operation(type, "history-instance",
                        "Every version of a " + type, withHistoryParameters(FhirComponents.idParameter()), history()));
                case HISTORYTYPE -> item(paths, collection + "/_history").setGet(operation(type, "history-type",
                        "Every version of every " + type, withHistoryParameters(), history()));
                default -> throw new IllegalStateException("No path for the interaction " + interaction.getCode().toCode());
            }
        }
    }

    private Operation create(CapabilityStatementRestResourceComponent resource) {
        String type = resource.getType();
        Operation create = operation(type, "create", "Create a " + type,
                resource.getConditionalCreate() ? List.of(new HeaderParameter().name("If-None-Exist").schema(new StringSchema())
                        .description("Search criteria (identifier=system|value): if a " + type + " matches, it is returned and nothing is created"))
                        : List.of(),
                Map.of("201", components.answer("Created; Location names the new version", type),
                        "200", components.answer("An existing " + type + " the request repeats, or that If-None-Exist matched", type)));
        return create.requestBody(components.body(type, "The " + type + " without an id", true));
    }

    private Operation update(CapabilityStatementRestResourceComponent resource) {
        String type = resource.getType();
        Operation update = operation(type, "update", "Update a " + type + " (send the whole resource)", List.of(FhirComponents.idParameter(),
                new HeaderParameter().name("If-Match").schema(new StringSchema())
                        .description("W/\"version\": refused with 412 when the " + type + " has changed since")),
                resource.getUpdateCreate()
                        ? Map.of("200", components.answer("Updated", type), "201", components.answer("Created with the id given", type))
                        : Map.of("200", components.answer("Updated", type)));
        return update.requestBody(components.body(type, "The whole " + type + ", with the id of the path", true));
    }

    /** The parameters a history takes after {@code first}. */
    private static List<Parameter> withHistoryParameters(Parameter... first) {
        List<Parameter> parameters = new ArrayList<>(List.of(first));
        parameters.add(new QueryParameter().name("_since").schema(new StringSchema()).description("Only versions written at or after this instant"));
        parameters.add(new QueryParameter().name("_at").schema(new StringSchema()).description("Only the versions current at this instant"));
        parameters.add(new QueryParameter().name("_count").schema(new IntegerSchema()).description("Page size"));
        return parameters;
    }

    private Map<String, ApiResponse> history() {
        return Map.of("200", components.answer("A history Bundle", "Bundle"));
    }

    private Operation operation(String type, String interaction, String summary, List<Parameter> parameters,
            Map<String, ApiResponse> successes) {
        return new Operation().operationId(interaction + "-" + type).summary(summary).addTagsItem(type)
                .parameters(parameters.isEmpty() ? null : List.copyOf(parameters)).responses(components.answers(successes));
    }

    static PathItem item(Paths paths, String path) {
        return paths.computeIfAbsent(path, p -> new PathItem());
    }
}
