package org.peerbridge.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.search.OwnSearchParameters;
import org.peerbridge.server.support.ServerTest;

/** What the CapabilityStatement promises holds, and what it leaves out is refused. */
class CapabilityStatementTest extends ServerTest {

    private static final String JSON = "application/fhir+json";

    @Test
    void typesWithoutWriteInteractionsRefuseWrites() {
        for (CapabilityStatementRestResourceComponent resource : capabilities().getRestFirstRep().getResource()) {
            Set<TypeRestfulInteraction> interactions = resource.getInteraction().stream()
                    .map(CapabilityStatement.ResourceInteractionComponent::getCode).collect(Collectors.toSet());
            if (interactions.contains(TypeRestfulInteraction.CREATE)) {
                continue;
            }
            String type = resource.getType();
            assertFalse(interactions.contains(TypeRestfulInteraction.UPDATE), type);
            assertFalse(resource.getUpdateCreate(), type + " cannot be created by update");
            String body = "{\"resourceType\": \"" + type + "\"}";
            assertRefused(405, server.send("POST", "/" + type, JSON, body), type);
            assertRefused(405, server.send("PUT", "/" + type + "/anything", JSON,
                    "{\"resourceType\": \"" + type + "\", \"id\": \"anything\"}"), type);
        }
    }

    @Test
    void everyAdvertisedIncludeAndRevincludeIsAccepted() {
        for (CapabilityStatementRestResourceComponent resource : capabilities().getRestFirstRep().getResource()) {
            for (var include : resource.getSearchInclude()) {
                assertOk(resource.getType() + "?_include=" + include.getValue());
            }
            for (var revinclude : resource.getSearchRevInclude()) {
                assertOk(resource.getType() + "?_revinclude=" + revinclude.getValue());
            }
        }
    }

    @Test
    void aTypeThatIsNotServedIsNotAdvertisedAndAnswers404() {
        assertTrue(capabilities().getRestFirstRep().getResource().stream().noneMatch(r -> r.getType().equals("Medication")));
        assertRefused(404, server.send("GET", "/Medication", null, null), "Medication");
    }

    @Test
    void theReportOperationsAreListedAndTheirDefinitionsServed() {
        CapabilityStatementRestResourceComponent serviceRequest = resource("ServiceRequest");
        var progressReport = serviceRequest.getOperation().stream().filter(o -> o.getName().equals("progress-report")).findFirst().orElseThrow();
        OperationDefinition definition = server.client().read().resource(OperationDefinition.class)
                .withId("ServiceRequest-progress-report").execute();
        assertEquals(progressReport.getDefinition(), definition.getUrl());
        assertTrue(definition.getInstance() && definition.getResource().get(0).getValue().equals("ServiceRequest"));
    }

    @Test
    void everySearchParameterLinksItsDefinitionAndPeerBridgesOwnAreServed() {
        Set<String> ownListed = new HashSet<>();
        for (CapabilityStatementRestResourceComponent resource : capabilities().getRestFirstRep().getResource()) {
            for (var param : resource.getSearchParam()) {
                String where = resource.getType() + "." + param.getName();
                String definition = param.getDefinition();
                if (!definition.startsWith(OwnSearchParameters.CANONICAL_BASE)) {
                    String r4Name = param.getName().startsWith("_") ? "Resource-" + param.getName().substring(1)
                            : resource.getType() + "-" + param.getName();
                    assertEquals("http://hl7.org/fhir/SearchParameter/" + r4Name, definition, where);
                    continue;
                }
                String id = definition.substring(OwnSearchParameters.CANONICAL_BASE.length());
                SearchParameter read = server.client().read().resource(SearchParameter.class).withId(id).execute();
                Bundle byUrl = server.client().search().forResource(SearchParameter.class)
                        .where(SearchParameter.URL.matches().value(definition)).returnBundle(Bundle.class).execute();
                assertEquals(1, byUrl.getTotal(), where);
                SearchParameter found = (SearchParameter) byUrl.getEntryFirstRep().getResource();
                assertEquals(read.getIdElement().toUnqualifiedVersionless(), found.getIdElement().toUnqualifiedVersionless(), where);
                assertEquals(definition, read.getUrl(), where);
                assertEquals(param.getName(), read.getCode(), where);
                assertEquals(resource.getType(), read.getBase().get(0).getValue(), where);
                assertEquals(param.getType().toCode(), read.getType().toCode(), where);
                assertEquals(param.getDocumentation(), read.getDescription(), where);
                ownListed.add(definition);
            }
        }
        Bundle published = server.client().search().forResource(SearchParameter.class).returnBundle(Bundle.class).execute();
        Set<String> publishedUrls = published.getEntry().stream().map(e -> ((SearchParameter) e.getResource()).getUrl()).collect(Collectors.toSet());
        assertEquals(publishedUrls, ownListed, "each published SearchParameter is listed, and only those");
        assertEquals(9, ownListed.size());
        assertTrue(ownListed.contains(OwnSearchParameters.CANONICAL_BASE + "Observation-time-point"));
    }

    private static CapabilityStatementRestResourceComponent resource(String type) {
        return capabilities().getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    private static void assertOk(String query) {
        String[] parts = query.split("=", 2);
        HttpResponse<String> answer = server.send("GET", "/" + parts[0] + "=" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8), null, null);
        assertEquals(200, answer.statusCode(), query + ": " + answer.body());
    }

    private static void assertRefused(int status, HttpResponse<String> answer, String what) {
        assertEquals(status, answer.statusCode(), what + ": " + answer.body());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertTrue(outcome.hasIssue(), what);
    }

    private static CapabilityStatement capabilities() {
        return server.client().capabilities().ofType(CapabilityStatement.class).execute();
    }
}
