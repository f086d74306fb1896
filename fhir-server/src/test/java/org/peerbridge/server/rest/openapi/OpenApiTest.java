package org.peerbridge.server.rest.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;

/**
 * The OpenAPI description at /fhir/api-docs, read as an integrator's tools read it: public like /metadata,
 * valid for a real OpenAPI parser, listing exactly the interactions, search parameters and operations the
 * server's own CapabilityStatement lists (fetched from the same server), and its paths answer. H2 only:
 * nothing here depends on the database.
 */
class OpenApiTest {

    private static RunningServer server;
    private static OpenAPI api;
    private static CapabilityStatementRestComponent rest;

    @BeforeAll
    static void fetchBoth() throws Exception {
        server = RunningServer.start(TestDatabase.H2);
        HttpResponse<String> document = server.sendWithoutToken("GET", "/api-docs", null, null);
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertEquals(java.util.List.of(), parsed.getMessages(), "the OpenAPI parser's complaints");
        api = parsed.getOpenAPI();
        HttpResponse<String> metadata = server.sendWithoutToken("GET", "/metadata", null, null);
        assertEquals(200, metadata.statusCode(), metadata.body());
        rest = server.fhir().newJsonParser().parseResource(CapabilityStatement.class, metadata.body()).getRestFirstRep();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void itIsOpenApi3UnderTheFhirBase() {
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
        assertEquals("/fhir", api.getServers().get(0).getUrl());
    }

    @Test
    void everyResourceInteractionOfTheCapabilityStatementHasItsPathAndNothingElseIsListed() {
        Set<String> expected = new TreeSet<>(Set.of("GET /metadata", "POST /", "GET /_history", "POST /auth/token",
                "GET /.well-known/smart-configuration"));
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            String type = "/" + resource.getType();
            for (var interaction : resource.getInteraction()) {
                expected.add(switch (interaction.getCode()) {
                    case READ -> "GET " + type + "/{id}";
                    case VREAD -> "GET " + type + "/{id}/_history/{vid}";
                    case UPDATE -> "PUT " + type + "/{id}";
                    case DELETE -> "DELETE " + type + "/{id}";
                    case HISTORYINSTANCE -> "GET " + type + "/{id}/_history";
                    case HISTORYTYPE -> "GET " + type + "/_history";
                    case CREATE -> "POST " + type;
                    case SEARCHTYPE -> "GET " + type;
                    default -> throw new AssertionError("an interaction the test does not know: " + interaction.getCode());
                });
            }
        }
        Set<String> listed = operations().keySet().stream().filter(key -> !key.contains("$")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, listed);
    }

    @Test
    void everyOperationOfTheCapabilityStatementIsListedOnItsTypeAndNoOtherIs() {
        Set<String> expected = new TreeSet<>();
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resource.getOperation().forEach(operation -> expected.add(resource.getType() + " $" + operation.getName()));
        }
        rest.getOperation().forEach(operation -> expected.add("server $" + operation.getName()));
        assertTrue(expected.containsAll(Set.of("ServiceRequest $progress-report", "Patient $everything", "Patient $validate",
                "Subscription $status", "server $program-outcomes")), expected.toString());
        Set<String> listed = new TreeSet<>();
        for (String key : operations().keySet()) {
            if (key.contains("$")) {
                String path = key.substring(key.indexOf(' ') + 1);
                String on = path.substring(1, path.indexOf('$')); // "", "Task/" or "Task/{id}/"
                listed.add((on.isEmpty() ? "server" : on.split("/")[0]) + " " + path.substring(path.indexOf('$')));
            }
        }
        assertEquals(expected, listed);
    }

    @Test
    void theOperationsRunWhereTheServerRunsThemWithTheirDefinitionsParameters() {
        Map<String, Operation> operations = operations();
        assertNotNull(operations.get("GET /ServiceRequest/{id}/$progress-report"));
        assertNotNull(operations.get("POST /ServiceRequest/{id}/$progress-report"));
        assertFalse(operations.containsKey("GET /ServiceRequest/$progress-report"), "the report is of one referral");
        Operation outcomes = operations.get("GET /$program-outcomes");
        assertEquals(Set.of("periodStart", "periodEnd", "stratifier"), names(outcomes));
        assertFalse(operations.get("POST /$program-outcomes").getRequestBody().getRequired(), "an empty POST is accepted");
        assertNotNull(operations.get("POST /Task/$validate"));
        assertNotNull(operations.get("POST /Task/{id}/$validate"));
        assertTrue(names(operations.get("GET /Task/{id}/$validate")).contains("mode"), "mode=delete needs no resource");
        assertTrue(operations.get("POST /Task/$validate").getRequestBody().getDescription().contains("- resource (Resource)"));
        assertEquals(Set.of("id", "_since", "_type", "_count"), names(operations.get("GET /Patient/{id}/$everything")));
        assertEquals(Set.of("id", "eventsSinceNumber", "eventsUntilNumber", "content"),
                names(operations.get("GET /Subscription/{id}/$events")));
    }

    @Test
    void eachSearchListsTheCapabilityStatementsParametersWithTheirDocumentation() {
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            Operation search = operations().get("GET /" + resource.getType());
            Map<String, Parameter> parameters = search.getParameters().stream().collect(Collectors.toMap(Parameter::getName, p -> p));
            for (CapabilityStatementRestResourceSearchParamComponent param : resource.getSearchParam()) {
                Parameter listed = parameters.get(param.getName());
                assertNotNull(listed, resource.getType() + "?" + param.getName());
                assertTrue(listed.getDescription().startsWith(param.getDocumentation()), listed.getDescription());
            }
            assertTrue(parameters.keySet().containsAll(Set.of("_count", "_sort")), resource.getType());
            if (resource.hasSearchInclude()) {
                assertEquals(resource.getSearchInclude().stream().map(i -> i.getValue()).toList(),
                        parameters.get("_include").getSchema().getItems().getEnum());
            }
        }
    }

    @Test
    void everyPathNeedsTheBearerTokenButHowToGetOneAndWhatTheServerCanDo() {
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertEquals(java.util.List.of("bearer"), api.getSecurity().stream().flatMap(s -> s.keySet().stream()).toList());
        Map<String, Operation> operations = operations();
        for (String open : Set.of("GET /metadata", "POST /auth/token", "GET /.well-known/smart-configuration")) {
            assertEquals(java.util.List.of(), operations.get(open).getSecurity(), open);
        }
        assertTrue(operations.entrySet().stream().filter(e -> !Set.of("GET /metadata", "POST /auth/token",
                "GET /.well-known/smart-configuration").contains(e.getKey())).allMatch(e -> e.getValue().getSecurity() == null));
        assertEquals(401, server.sendWithoutToken("GET", "/Task", null, null).statusCode());
    }

    @Test
    void theListedSearchesHistoriesAndReportsAnswer() {
        int asked = 0;
        for (String key : operations().keySet()) {
            String path = key.substring("GET ".length());
            if (key.startsWith("GET ") && !path.contains("{") && (!path.contains("$") || path.equals("/$program-outcomes"))) {
                HttpResponse<String> answer = server.send("GET", path, null, null);
                assertEquals(200, answer.statusCode(), key + ": " + answer.body());
                asked++;
            }
        }
        assertTrue(asked > 50, asked + " paths asked");
    }

    /** Every operation of the description by "METHOD path". */
    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new java.util.TreeMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    private static Set<String> names(Operation operation) {
        return operation.getParameters().stream().map(p -> p.get$ref() != null ? p.get$ref().replaceFirst(".*/", "") : p.getName())
                .collect(Collectors.toSet());
    }
}
