package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CanonicalType;

/**
 * The OpenAPI 3 description of the API, made from the CapabilityStatement the server answers at
 * {@code /metadata}: a path for each interaction of each resource type and of the server, the search
 * parameters with their documentation, each operation at the levels it runs, and how to get a token. So it
 * says what the CapabilityStatement says, in the form OpenAPI tools read.
 */
final class OpenApiGenerator {

    private final OperationShapes operations;
    private final String serverUrl;
    private final TokenEndpoint tokenEndpoint;

    /** @param serverUrl the FHIR base the paths are under: --base-url, or "/fhir" on the host the document came from */
    OpenApiGenerator(OperationShapes operations, String serverUrl, TokenEndpoint tokenEndpoint) {
        this.operations = operations;
        this.serverUrl = serverUrl;
        this.tokenEndpoint = tokenEndpoint;
    }

    OpenAPI generate(CapabilityStatement capabilities) {
        CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
        FhirComponents components = new FhirComponents(capabilities.getFormat().stream().map(f -> f.getValue()).toList());
        OpenAPI api = new OpenAPI().components(new Components()).info(new Info().title(capabilities.getTitle())
                        .version(capabilities.getSoftware().getVersion())
                        .description(capabilities.getImplementation().getDescription() + ", FHIR " + capabilities.getFhirVersion().toCode()
                                + ". This description is made from the CapabilityStatement at GET /metadata."))
                .addServersItem(new Server().url(serverUrl));
        Paths paths = new Paths();
        new SystemPaths(components).add(paths, rest);
        OperationPaths operationPaths = new OperationPaths(components);
        for (CapabilityStatementRestResourceOperationComponent operation : rest.getOperation()) {
            operationPaths.add(paths, null, operations.find(null, operation.getName(), operation.getDefinition()), operation.getDefinition());
        }
        api.addTagsItem(new Tag().name(OperationPaths.SYSTEM_TAG).description("The whole server: capabilities, transactions, history"));
        if (AuthorizationPaths.protects(rest.getSecurity())) {
            AuthorizationPaths.add(api, paths, rest.getSecurity(), tokenEndpoint);
            api.addTagsItem(new Tag().name(AuthorizationPaths.TAG).description("Tokens for every other path (docs/security.md)"));
        }
        ResourcePaths resourcePaths = new ResourcePaths(components);
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resourcePaths.add(paths, resource);
            for (CapabilityStatementRestResourceOperationComponent operation : resource.getOperation()) {
                operationPaths.add(paths, resource.getType(), operations.find(resource.getType(), operation.getName(),
                        operation.getDefinition()), operation.getDefinition());
            }
            api.addTagsItem(new Tag().name(resource.getType()).description(profiles(resource))
                    .externalDocs(new ExternalDocumentation().description("The " + resource.getType() + " resource in FHIR R4")
                            .url("https://hl7.org/fhir/R4/" + resource.getType().toLowerCase() + ".html")));
        }
        components.declare(api.getComponents());
        return api.paths(paths);
    }

    private static String profiles(CapabilityStatementRestResourceComponent resource) {
        if (!resource.hasSupportedProfile()) {
            return null;
        }
        return "Profiles: " + String.join(", ", resource.getSupportedProfile().stream().map(CanonicalType::getValue).toList());
    }
}
