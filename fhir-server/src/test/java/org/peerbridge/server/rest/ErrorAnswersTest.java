package org.peerbridge.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.ServerTest;

/** Bad input of every kind gets an OperationOutcome with a location, and stores nothing. */
class ErrorAnswersTest extends ServerTest {

    private static final String JSON = "application/fhir+json";

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        OperationOutcome outcome = expect(400, server.send("POST", "/Patient", JSON, "{\"resourceType\": \"Patient\",\n  \"active\": tru }"));
        assertTrue(outcome.getIssueFirstRep().getLocation().get(0).getValue().startsWith("line 2"),
                outcome.getIssueFirstRep().getLocation().toString());
    }

    @Test
    void malformedXmlIs400() {
        OperationOutcome outcome = expect(400, server.send("POST", "/Patient", "application/fhir+xml",
                "<Patient xmlns=\"http://hl7.org/fhir\"><active value=\"true\"></Patient>"));
        assertFalse(outcome.getIssueFirstRep().getDiagnostics().isBlank());
    }

    @Test
    void wrongTypeForAnElementIs400AtTheElement() {
        OperationOutcome outcome = expect(400, server.send("POST", "/Patient", JSON,
                "{\"resourceType\": \"Patient\", \"birthDate\": 19900412}"));
        assertEquals("Patient.birthDate", outcome.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void unknownElementIs400InsteadOfBeingDropped() {
        OperationOutcome outcome = expect(400, server.send("POST", "/Patient", JSON,
                "{\"resourceType\": \"Patient\", \"favouriteColour\": \"blue\"}"));
        assertEquals("Patient.favouriteColour", outcome.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void resourceOfTheWrongTypeForTheEndpointIs400() {
        OperationOutcome outcome = expect(400, server.send("POST", "/Patient", JSON, "{\"resourceType\": \"Organization\", \"name\": \"X\"}"));
        assertEquals("Organization", outcome.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"resourceType\": \"Organization\", \"name\": \"" + "x".repeat(1_100_000) + "\"}";
        OperationOutcome outcome = expect(413, server.send("POST", "/Organization", JSON, huge));
        assertEquals(OperationOutcome.IssueType.TOOLONG, outcome.getIssueFirstRep().getCode());
    }

    @Test
    void unsupportedMediaTypeIs415() {
        OperationOutcome outcome = expect(415, server.send("POST", "/Patient", "text/plain", "Patient: Alex"));
        assertEquals("http.Content-Type", outcome.getIssueFirstRep().getLocation().get(0).getValue());
    }

    @Test
    void bundleOfTheWrongTypeIs400() {
        Bundle collection = new Bundle().setType(Bundle.BundleType.COLLECTION);
        OperationOutcome outcome = expect(400, server.send("POST", "", JSON,
                server.fhir().newJsonParser().encodeResourceToString(collection)));
        assertEquals("Bundle.type", outcome.getIssueFirstRep().getExpression().get(0).getValue());
    }

    @Test
    void nothingIsStoredByARefusedWrite() {
        int before = countOrganizations();
        server.send("POST", "/Organization", JSON, "{\"resourceType\": \"Organization\", \"name\": 42}");
        server.send("POST", "/Organization", "text/plain", "name=x");
        assertEquals(before, countOrganizations());
    }

    private static int countOrganizations() {
        return server.client().search().forResource("Organization").summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class).execute().getTotal();
    }

    private static OperationOutcome expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertEquals(OperationOutcome.IssueSeverity.ERROR, outcome.getIssueFirstRep().getSeverity());
        return outcome;
    }
}
