package org.peerbridge.server.rest.openapi;

import ca.uhn.fhir.rest.server.RestfulServer;
import io.swagger.v3.core.util.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * {@code GET [base]/api-docs}: the OpenAPI description, public as {@code /metadata} is (it reveals nothing
 * more). Made on the first request, when HAPI has bound the providers, and kept: the CapabilityStatement
 * does not change while the server runs.
 */
public final class OpenApiServlet extends HttpServlet {

    /** Under the FHIR base, beside {@code /metadata}. */
    public static final String PATH = "/api-docs";
    private static final long serialVersionUID = 1L;

    private final transient CapabilityStatement capabilities;
    private final transient RestfulServer api;
    private final transient List<OperationDefinition> published;
    private final String serverUrl;
    private final TokenEndpoint tokenEndpoint;
    private transient byte[] document;

    /**
     * @param published the OperationDefinitions the server publishes, which describe its own operations
     * @param serverUrl the FHIR base for the document's paths
     * @param tokenEndpoint how a client gets a token here
     */
    public OpenApiServlet(CapabilityStatement capabilities, RestfulServer api, List<OperationDefinition> published, String serverUrl,
            TokenEndpoint tokenEndpoint) {
        this.capabilities = capabilities;
        this.api = api;
        this.published = List.copyOf(published);
        this.serverUrl = serverUrl;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(document());
    }

    private synchronized byte[] document() throws IOException {
        if (document == null) {
            OpenApiGenerator generator = new OpenApiGenerator(new OperationShapes(api, published), serverUrl, tokenEndpoint);
            document = Json.pretty().writeValueAsString(generator.generate(capabilities)).getBytes(StandardCharsets.UTF_8);
        }
        return document;
    }
}
