package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** Bearer tokens on every request (401 with WWW-Authenticate) and scopes on every interaction (403), nothing changed. */
class AuthorizationTest extends ServerTest {

    private static final String PROGRAM = "Organization/peerbridge-program";

    @Test
    void withoutATokenTheAnswerIs401WithAChallenge() {
        HttpResponse<String> answer = server.sendWithoutToken("GET", "/Patient", null, null);
        assertEquals(401, answer.statusCode());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm=\"PeerBridge\""));
        assertEquals(OperationOutcome.IssueType.LOGIN, outcome(answer).getIssueFirstRep().getCode());
    }

    @Test
    void aMalformedOrUnknownTokenIs401() {
        HttpResponse<String> basic = server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Basic dXNlcjpwYXNz");
        assertEquals(401, basic.statusCode());
        assertTrue(basic.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_request"));
        HttpResponse<String> unknown = server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Bearer made-up");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        TokenClient client = server.register("expiring-" + Referrals.unique(), PROGRAM, "system/Patient.rs");
        String token = client.accessToken();
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("UPDATE auth_token SET expires = 1 WHERE client_id = ?")) {
            ps.setString(1, client.clientId());
            assertEquals(1, ps.executeUpdate());
        }
        HttpResponse<String> answer = server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Bearer " + token);
        assertEquals(401, answer.statusCode());
        assertTrue(outcome(answer).getIssueFirstRep().getDiagnostics().contains("expired"));
    }

    @Test
    void disablingAClientEndsItsTokensAtOnce() {
        TokenClient client = server.register("revoked-" + Referrals.unique(), PROGRAM, "system/Patient.rs");
        String token = client.accessToken();
        assertEquals(200, server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Bearer " + token).statusCode());
        server.server().clients().setEnabled(client.clientId(), false);
        HttpResponse<String> answer = server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Bearer " + token);
        assertEquals(401, answer.statusCode());
        assertTrue(outcome(answer).getIssueFirstRep().getDiagnostics().contains("revoked"));
    }

    @Test
    void theCapabilityStatementAndDiscoveryArePublic() {
        assertEquals(200, server.sendWithoutToken("GET", "/metadata", null, null).statusCode());
        assertEquals(200, server.sendWithoutToken("GET", "/.well-known/smart-configuration", null, null).statusCode());
    }

    @Test
    void readScopesAllowReadsAndNothingElse() {
        Referrals.Sent referral = Referrals.send(server.client());
        IGenericClient reader = server.clientFor("reader-" + Referrals.unique(), PROGRAM, "system/ServiceRequest.rs system/Task.r");
        assertEquals(referral.task().getIdElement().getIdPart(),
                reader.read().resource(Task.class).withId(referral.task().getIdElement().getIdPart()).execute().getIdElement().getIdPart());
        Bundle withTasks = reader.search().byUrl("ServiceRequest?_id=" + referral.request().getIdElement().getIdPart() + "&_revinclude=Task:focus")
                .returnBundle(Bundle.class).execute();
        assertEquals(2, withTasks.getEntry().size());
        Bundle untypedInclude = reader.search().byUrl("ServiceRequest?_id=" + referral.request().getIdElement().getIdPart()
                + "&_include=ServiceRequest:subject").returnBundle(Bundle.class).execute();
        assertEquals(1, untypedInclude.getEntry().size(), "the Patient is left out: no scope reads Patients");

        assertForbidden(() -> reader.search().byUrl("ServiceRequest?_include=ServiceRequest:subject:Patient").returnBundle(Bundle.class).execute(),
                "system/Patient.r");
        assertForbidden(() -> reader.search().byUrl("Task?status=requested").returnBundle(Bundle.class).execute(), "system/Task.s");
        assertForbidden(() -> reader.history().onType(Task.class).returnBundle(Bundle.class).execute(), "system/Task.s");
        assertForbidden(() -> reader.history().onServer().returnBundle(Bundle.class).execute(), "system/*.s");
        assertForbidden(() -> reader.read().resource(Patient.class).withId(referral.patientReference()).execute(), "system/Patient.r");
        assertForbidden(() -> reader.delete().resourceById("ServiceRequest", referral.request().getIdElement().getIdPart()).execute(),
                "system/ServiceRequest.d");
        assertForbidden(() -> reader.search().byUrl("AuditEvent").returnBundle(Bundle.class).execute(), "peerbridge/admin");
        assertForbidden(() -> reader.validate().resource(new Patient()).execute(), "system/Patient.c");
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE,
                server.client().read().resource(ServiceRequest.class).withId(referral.request().getIdElement().getIdPart()).execute().getStatus());
    }

    @Test
    void aTransactionIsRefusedWholeWhenOneEntryIsNotCoveredAndNothingIsStored() {
        String mrn = Referrals.unique();
        IGenericClient referrer = server.clientFor("referrer-" + Referrals.unique(), PROGRAM, "system/ServiceRequest.cru system/Patient.cru");
        assertForbidden(() -> referrer.transaction().withBundle(Referrals.minimalBundle(mrn, Referrals.unique())).execute(),
                "system/Practitioner.c");
        Bundle patients = server.client().search().byUrl("Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn)
                .returnBundle(Bundle.class).execute();
        assertEquals(0, patients.getTotal());
    }

    @Test
    void version1ScopesAreUnderstood() {
        Referrals.Sent referral = Referrals.send(server.client());
        IGenericClient v1 = server.clientFor("v1-" + Referrals.unique(), PROGRAM, "system/Task.read");
        assertEquals(1, v1.search().byUrl("Task?focus=" + referral.requestReference()).returnBundle(Bundle.class).execute().getTotal());
        assertForbidden(() -> v1.create().resource(new Task()).execute(), "system/Task.c");
    }

    private static void assertForbidden(Runnable call, String missingScope) {
        ForbiddenOperationException refused = assertThrows(ForbiddenOperationException.class, call::run);
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals(OperationOutcome.IssueType.FORBIDDEN, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains(missingScope), outcome.getIssueFirstRep().getDiagnostics());
    }

    private static OperationOutcome outcome(HttpResponse<String> answer) {
        return server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
    }
}
