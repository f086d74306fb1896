package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemInteractionComponent;

/**
 * The server's own paths: {@code GET /metadata} (public: it says what the server can do), the transaction
 * and batch POST at the root and the system history, each as the CapabilityStatement lists them.
 */
final class SystemPaths {

    private final FhirComponents components;

    SystemPaths(FhirComponents components) {
        this.components = components;
    }

    void add(Paths paths, CapabilityStatementRestComponent rest) {
        ResourcePaths.item(paths, "/metadata").setGet(operation("capabilities", "What this server can do (the CapabilityStatement)",
                Map.of("200", components.answer("The CapabilityStatement", "CapabilityStatement"))).security(new ArrayList<>()));
        List<String> bundleKinds = new ArrayList<>();
        for (SystemInteractionComponent interaction : rest.getInteraction()) {
            switch (interaction.getCode()) {
                case TRANSACTION, BATCH -> bundleKinds.add(interaction.getCode().toCode());
                case HISTORYSYSTEM -> ResourcePaths.item(paths, "/_history").setGet(operation("history-system",
                        "Every version of every resource the caller may see", Map.of("200", components.answer("A history Bundle", "Bundle"))));
                default -> throw new IllegalStateException("No path for the interaction " + interaction.getCode().toCode());
            }
        }
        if (!bundleKinds.isEmpty()) {
            String kinds = String.join(" or ", bundleKinds);
            ResourcePaths.item(paths, "/").setPost(operation(String.join("-", bundleKinds), "A " + kinds + " Bundle",
                    Map.of("200", components.answer("The " + kinds + "-response Bundle, one entry per entry sent", "Bundle")))
                    .requestBody(components.body("Bundle", "A Bundle of type " + kinds
                            + ": a transaction commits every entry or none (docs/referral-workflow.md)", true)));
        }
    }

    private Operation operation(String id, String summary, Map<String, io.swagger.v3.oas.models.responses.ApiResponse> successes) {
        return new Operation().operationId(id).summary(summary).addTagsItem(OperationPaths.SYSTEM_TAG)
                .responses(components.answers(successes));
    }
}
