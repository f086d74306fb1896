package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;

/**
 * How a client is let in, when the CapabilityStatement says SMART protects the server: the bearer scheme
 * every path needs, the token endpoint that hands out tokens (SMART Backend Services: a signed client
 * assertion, no secret) and the discovery document. Both of those are public.
 */
final class AuthorizationPaths {

    static final String TAG = "Authorization";
    static final String BEARER = "bearer";
    private static final String SMART = "SMART-on-FHIR";
    private static final String FORM = "application/x-www-form-urlencoded";

    private AuthorizationPaths() {
    }

    static boolean protects(CapabilityStatementRestSecurityComponent security) {
        return security.getService().stream().flatMap(service -> service.getCoding().stream()).anyMatch(c -> SMART.equals(c.getCode()));
    }

    static void add(OpenAPI api, Paths paths, CapabilityStatementRestSecurityComponent security, TokenEndpoint endpoint) {
        api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description(security.getDescription() + " Get a token at POST " + endpoint.path() + " (docs/security.md) and paste it"
                        + " here; it lives a few minutes."));
        api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        ResourcePaths.item(paths, endpoint.path()).setPost(new Operation().operationId("token").addTagsItem(TAG)
                .summary("Get an access token (SMART Backend Services)").security(new ArrayList<>())
                .requestBody(tokenRequest(endpoint)).responses(tokenAnswers()));
        ResourcePaths.item(paths, endpoint.discoveryPath()).setGet(new Operation().operationId("smart-configuration")
                .addTagsItem(TAG).summary("How to get a token here (SMART discovery)").security(new ArrayList<>())
                .responses(new ApiResponses().addApiResponse("200", json("token_endpoint, the signing algorithms and scopes",
                        new ObjectSchema()))));
    }

    /** The form: a client_credentials grant authenticated by a signed assertion (no client secret). */
    private static RequestBody tokenRequest(TokenEndpoint endpoint) {
        ObjectSchema form = new ObjectSchema();
        form.required(List.of("grant_type", "client_assertion_type", "client_assertion"))
                .addProperty("grant_type", new StringSchema()._enum(List.of(endpoint.grantType())))
                .addProperty("scope", new StringSchema().description("The scopes asked for, within the client's"
                        + " (system/*.rs, system/ServiceRequest.cru, ...); all of them when left out"))
                .addProperty("client_assertion_type", new StringSchema()._enum(List.of(endpoint.assertionType())))
                .addProperty("client_assertion", new StringSchema().description("A JWT signed with the client's private key"
                        + " (RS384 or ES384): iss and sub the client id, aud this endpoint, a unique jti, exp at most 5 minutes ahead"));
        return new RequestBody().required(true).content(new Content().addMediaType(FORM, new MediaType().schema(form)));
    }

    private static ApiResponses tokenAnswers() {
        ObjectSchema token = new ObjectSchema();
        token.addProperty("access_token", new StringSchema()).addProperty("token_type", new StringSchema()._enum(List.of("bearer")))
                .addProperty("expires_in", new IntegerSchema()).addProperty("scope", new StringSchema());
        ObjectSchema refusal = new ObjectSchema();
        refusal.addProperty("error", new StringSchema()).addProperty("error_description", new StringSchema());
        return new ApiResponses().addApiResponse("200", json("The token", token))
                .addApiResponse("default", json("Refused (RFC 6749 section 5.2)", refusal));
    }

    private static ApiResponse json(String description, ObjectSchema schema) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }
}
