package org.peerbridge.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;

/**
 * What an integrator meets first: the mistakes made first, answered so that the answer says what to do
 * (a body curl sent as a form, a body without a Content-Type, a JSON token request, an operation POSTed
 * without a body, a misspelt status code). None of it depends on storage, so one server on H2 is enough.
 */
class IntegratorPathTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(TestDatabase.H2);
        // writes wait for the validator's first load; on a busy machine that can outlast a client's read timeout
        server.server().validatorLoaded().get(5, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aFormBodyThatIsNotASearchIs415NamingTheTypes() {
        String bundle = FHIR.newJsonParser().encodeResourceToString(Referrals.minimalBundle(Referrals.unique(), Referrals.unique()));
        int tasksBefore = taskCount();
        OperationOutcome outcome = expect(415, server.send("POST", "", "application/x-www-form-urlencoded", bundle));
        assertEquals("http.Content-Type", outcome.getIssueFirstRep().getLocation().get(0).getValue());
        String says = outcome.getIssueFirstRep().getDiagnostics();
        assertTrue(says.contains("application/fhir+json") && says.contains("_search"), says);
        assertEquals(tasksBefore, taskCount(), "nothing was stored");
    }

    private static int taskCount() {
        return server.client().search().forResource(Task.class).returnBundle(Bundle.class).execute().getTotal();
    }

    @Test
    void aBodyWithoutContentTypeIs415NamingTheTypes() {
        OperationOutcome outcome = expect(415, server.send("POST", "/Patient", null, "{\"resourceType\": \"Patient\"}"));
        String says = outcome.getIssueFirstRep().getDiagnostics();
        assertTrue(says.contains("no Content-Type") && says.contains("application/fhir+json"), says);
    }

    @Test
    void aJsonTokenRequestIsToldToSendAForm() {
        HttpResponse<String> answer = server.sendWithoutToken("POST", "/auth/token", "application/json",
                "{\"grant_type\": \"client_credentials\"}", "Accept", "application/json");
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"invalid_request\"") && answer.body().contains("application/x-www-form-urlencoded")
                && answer.body().contains("application/json"), answer.body());
    }

    @Test
    void anOperationWithoutParametersAcceptsAnEmptyPost() {
        Referrals.Sent referral = Referrals.send(server.client());
        for (String contentType : new String[] {null, "application/fhir+json"}) {
            HttpResponse<String> answer = server.send("POST", "/" + referral.requestReference() + "/$progress-report", contentType, null);
            assertEquals(200, answer.statusCode(), answer.body());
            Bundle report = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
            assertEquals(Bundle.BundleType.DOCUMENT, report.getType());
        }
    }

    @Test
    void aMisspeltCodeOfARequiredBindingIs400NamingTheCodes() {
        OperationOutcome outcome = expect(400, server.send("GET", "/Task?status=acepted", null, null));
        assertEquals("http.status", outcome.getIssueFirstRep().getLocation().get(0).getValue());
        String says = outcome.getIssueFirstRep().getDiagnostics();
        assertTrue(says.contains("'acepted'") && says.contains("accepted") && says.contains("in-progress"), says);
        assertEquals(200, server.send("GET", "/Task?status=accepted,in-progress", null, null).statusCode());
        assertEquals(200, server.send("GET", "/Task?status:not=completed", null, null).statusCode());
    }

    private static OperationOutcome expect(int status, HttpResponse<String> answer) {
        assertEquals(status, answer.statusCode(), answer.body());
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body());
    }
}
