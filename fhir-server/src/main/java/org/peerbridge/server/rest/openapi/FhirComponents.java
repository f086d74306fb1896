package org.peerbridge.server.rest.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts every path refers to: one schema per FHIR resource type a path takes or returns (its
 * {@code resourceType}, and a link to its definition in the R4 specification, which stays the reference for
 * its content), the error answer, and the {@code id} and {@code vid} path parameters. Bodies are FHIR JSON or
 * FHIR XML, the formats the CapabilityStatement lists.
 */
final class FhirComponents {

    static final String JSON = "application/fhir+json";
    static final String XML = "application/fhir+xml";
    private static final String SPECIFICATION = "https://hl7.org/fhir/R4/";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String ERROR = "Error";
    static final String ID = "id";
    static final String VERSION = "vid";

    private final List<String> formats;
    private final TreeSet<String> types = new TreeSet<>();

    /** @param formats the CapabilityStatement's formats; its media types are the ones bodies come in */
    FhirComponents(List<String> formats) {
        this.formats = formats.stream().filter(f -> f.equals(JSON) || f.equals(XML)).toList();
    }

    /** A body of {@code type}, as FHIR JSON or XML (XML's content is the specification's, not this schema's). */
    Content content(String type) {
        types.add(type);
        Content content = new Content();
        for (String format : formats) {
            content.addMediaType(format, new MediaType().schema(format.equals(JSON) ? new Schema<>().$ref(SCHEMAS + type)
                    : new StringSchema().description("The " + type + " in FHIR XML")));
        }
        return content;
    }

    /** A request body of {@code type}. */
    RequestBody body(String type, String description, boolean required) {
        return new RequestBody().description(description).required(required).content(content(type));
    }

    /** The successful answers, then every error as an OperationOutcome. */
    ApiResponses answers(Map<String, ApiResponse> successes) {
        ApiResponses responses = new ApiResponses();
        new TreeMap<>(successes).forEach(responses::addApiResponse);
        return responses.addApiResponse("default", new ApiResponse().$ref("#/components/responses/" + ERROR));
    }

    /** An answer with a {@code type} body. */
    ApiResponse answer(String description, String type) {
        return new ApiResponse().description(description).content(content(type));
    }

    static Parameter idParameter() {
        return new Parameter().$ref("#/components/parameters/" + ID);
    }

    static Parameter versionParameter() {
        return new Parameter().$ref("#/components/parameters/" + VERSION);
    }

    /** Declares what the paths referred to; call after every path is added. */
    void declare(Components components) {
        components.addResponses(ERROR, answer("Refused or failed: an OperationOutcome saying what and where (issue.expression, "
                + "issue.location); 4xx for the request, 5xx with an incident id for the server", "OperationOutcome"));
        components.addParameters(ID, new PathParameter().name(ID).description("The resource's logical id")
                .schema(new StringSchema().pattern("^[A-Za-z0-9\\-.]{1,64}$")));
        components.addParameters(VERSION, new PathParameter().name(VERSION).description("A version of the resource (meta.versionId)")
                .schema(new StringSchema()));
        for (String type : types) {
            components.addSchemas(type, schema(type));
        }
    }

    private static Schema<?> schema(String type) {
        boolean anyType = type.equals("Resource");
        Schema<?> schema = new ObjectSchema().addRequiredItem("resourceType")
                .addProperty("resourceType", anyType ? new StringSchema() : new StringSchema()._enum(List.of(type)))
                .addProperty(ID, new StringSchema().description("Logical id, given by the server"))
                .addProperty("meta", new ObjectSchema().description("versionId and lastUpdated, given by the server"))
                .additionalProperties(true)
                .description(anyType ? "Any FHIR R4 resource" : "A FHIR R4 " + type + "; its elements are the specification's")
                .externalDocs(new ExternalDocumentation().url(SPECIFICATION + type.toLowerCase() + ".html"));
        if (!anyType) {
            schema.example(Map.of("resourceType", type));
        }
        return schema;
    }
}
