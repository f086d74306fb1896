package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.LogCapture;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.TestDatabase;

/**
 * Every request leaves exactly one AuditEvent (token requests and refusals included) with who, what,
 * when, outcome and source, never a name; the trail is searchable by the admin scope only.
 */
class AuditTrailTest extends ServerTest {

    @Test
    void everyRequestOfAClientLeavesExactlyOneAuditEvent() {
        String run = Referrals.unique();
        String clientId = "audited-" + run;
        String organization = "Organization/audited-hospital-" + run;
        IGenericClient ehr = server.clientFor(clientId, organization, "system/*.cruds");

        Referrals.Sent referral = Referrals.send(ehr); // token, transaction, read, search
        assertThrows(ForbiddenOperationException.class, () -> ehr.search().byUrl("AuditEvent").returnBundle(Bundle.class).execute());
        Communication dangling = new Communication();
        dangling.setStatus(Communication.CommunicationStatus.COMPLETED);
        dangling.addBasedOn(new Reference("ServiceRequest/does-not-exist"));
        assertThrows(UnprocessableEntityException.class, () -> ehr.create().resource(dangling).execute());

        List<AuditEvent> events = audit("AuditEvent?altid=" + clientId + "&_count=100");
        assertEquals(java.util.stream.Stream.of("login", "transaction", "read", "search-type", "403:search-type", "422:create")
                .sorted().toList(), sortedSummaries(events));
        AuditEvent transaction = only(events, "transaction");
        assertEquals(AuditEvent.AuditEventAction.E, transaction.getAction());
        assertEquals(AuditEvent.AuditEventOutcome._0, transaction.getOutcome());
        assertEquals(organization, transaction.getAgent().get(1).getWho().getReference());
        assertEquals(clientId, transaction.getAgentFirstRep().getAltId());
        assertEquals("127.0.0.1", transaction.getAgentFirstRep().getNetwork().getAddress());
        Set<String> written = whats(transaction);
        assertTrue(written.contains(referral.requestReference() + "/_history/1"), written.toString());
        assertTrue(written.contains("Task/" + referral.task().getIdElement().getIdPart() + "/_history/1"), written.toString());
        assertTrue(written.contains(referral.patientReference() + "/_history/1"), written.toString());
        assertEquals(Set.of(referral.requestReference()), whats(only(events, "read")));
        assertEquals(AuditEvent.AuditEventOutcome._4, only(events, "422:create").getOutcome());
        assertTrue(whats(only(events, "422:create")).stream().noneMatch(what -> what.contains("_history")), "nothing was written");
    }

    @Test
    void aRequestForAnOverLongIdIsAuditedToo() {
        String clientId = "long-ids-" + Referrals.unique();
        String token = server.register(clientId, "Organization/long-ids", "system/*.rs").accessToken();
        String id = "a".repeat(40) + Referrals.unique() + "b".repeat(40);
        int status = server.sendWithoutToken("GET", "/Patient/" + id, null, null, "Authorization", "Bearer " + token).statusCode();
        List<AuditEvent> events = audit("AuditEvent?altid=" + clientId + "&outcome=4");
        assertEquals(1, events.size(), "the read is recorded (answered " + status + "), its id hashed to fit");
    }

    @Test
    void theTrailIsSearchableByEntityAgentOutcomeAndDate() {
        String run = Referrals.unique();
        String organization = "Organization/searched-hospital-" + run;
        Instant before = Instant.now().minusSeconds(1);
        IGenericClient ehr = server.clientFor("searched-" + run, organization, "system/*.cruds");
        Referrals.Sent referral = Referrals.send(ehr);
        assertEquals(2, audit("AuditEvent?entity=" + referral.requestReference() + "&agent=" + organization).size(),
                "the transaction that wrote it and the read");
        assertEquals(4, audit("AuditEvent?agent=" + organization + "&date=ge" + before).size());
        assertEquals(0, audit("AuditEvent?agent=" + organization + "&outcome=4").size());
        server.sendWithoutToken("GET", "/Patient", null, null, "Authorization", "Bearer not-a-token");
        List<AuditEvent> refused = audit("AuditEvent?outcome=4&date=ge" + before + "&subtype:not=110122");
        assertTrue(refused.stream().anyMatch(e -> e.getOutcomeDesc() != null && e.getOutcomeDesc().contains("not known here")));
    }

    @Test
    void theTrailSortsByDateEitherWayAndRefusesOtherSorts() {
        String run = Referrals.unique();
        String organization = "Organization/sorted-hospital-" + run;
        Referrals.send(server.clientFor("sorted-" + run, organization, "system/*.cruds"));
        List<Instant> oldestFirst = recorded(audit("AuditEvent?agent=" + organization + "&_sort=date"));
        List<Instant> newestFirst = recorded(audit("AuditEvent?agent=" + organization + "&_sort=-date"));
        assertEquals(4, oldestFirst.size());
        assertEquals(oldestFirst.stream().sorted().toList(), oldestFirst);
        assertEquals(oldestFirst.stream().sorted(java.util.Comparator.reverseOrder()).toList(), newestFirst);
        HttpResponse<String> byOutcome = server.send("GET", "/AuditEvent?_sort=outcome", null, null);
        assertEquals(400, byOutcome.statusCode());
        assertTrue(byOutcome.body().contains("http._sort"), byOutcome.body());
    }

    @Test
    void auditEventsNeverHoldNamesOrAnswers() {
        server.client().search().byUrl("Patient?family=Testperson&given=Alex&birthdate=1990-04-12&gender=other")
                .returnBundle(Bundle.class).execute();
        AuditEvent search = audit("AuditEvent?subtype=search-type&_count=1").get(0);
        // Without the server-made id: random hex that may contain "1990" by chance (it did once).
        String json = server.fhir().newJsonParser().encodeResourceToString(search.copy().setIdElement(null));
        assertFalse(json.contains("Testperson") || json.contains("Alex") || json.contains("1990"), json);
        assertTrue(search.getEntityFirstRep().getDescription().contains("family=***"), search.getEntityFirstRep().getDescription());
        assertTrue(search.getEntityFirstRep().getDescription().contains("gender=other"));
    }

    @Test
    void onlyTheAdminScopeReadsTheTrail() {
        IGenericClient everythingButAdmin = server.clientFor("no-admin-" + Referrals.unique(), "Organization/peerbridge-program",
                "system/*.cruds");
        assertThrows(ForbiddenOperationException.class, () -> everythingButAdmin.search().byUrl("AuditEvent").returnBundle(Bundle.class).execute());
        AuditEvent any = audit("AuditEvent?_count=1").get(0);
        assertEquals(any.getIdElement().getIdPart(), server.client().read().resource(AuditEvent.class).withId(any.getIdElement().getIdPart())
                .execute().getIdElement().getIdPart());
        HttpResponse<String> badParameter = server.send("GET", "/AuditEvent?name=x", null, null);
        assertEquals(400, badParameter.statusCode());
    }

    /**
     * An audit row that cannot be stored (here: the table refuses every new row) withholds the answer: 503 with
     * nothing of the data, an error in the log, and /health/ready down until rows can be stored again.
     */
    @Test
    void anAnswerWhoseAuditRowCannotBeStoredIsWithheld() throws Exception {
        String mrn = "mrn-" + Referrals.unique();
        String patient = "/Patient/" + server.client().create().resource(Referrals.patient(mrn)).execute().getId().getIdPart();
        String ready = server.baseUrl().replaceFirst("/fhir$", "") + "/health/ready";
        try (LogCapture log = LogCapture.start()) {
            refuseNewAuditRows(true);
            try {
                HttpResponse<String> read = server.send("GET", patient, null, null);
                assertEquals(503, read.statusCode(), read.body());
                assertFalse(read.body().contains(mrn), read.body());
                assertEquals(OperationOutcome.IssueType.TRANSIENT, server.fhir().newJsonParser()
                        .parseResource(OperationOutcome.class, read.body()).getIssueFirstRep().getCode());
                assertEquals(503, server.sendWithoutToken("GET", patient, null, null).statusCode(), "a refusal is withheld too");
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ready)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, health.statusCode());
                assertTrue(health.body().contains("\"audit\":\"down\""), health.body());
            } finally {
                refuseNewAuditRows(false);
            }
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("could not be stored (GET " + server.baseUrl()
                    .replaceFirst("^http://[^/]+", "") + patient + "): the answer was withheld")), "the failure is logged");
            log.assertNoneContains(mrn);
        }
        assertEquals(200, server.send("GET", patient, null, null).statusCode());
        assertTrue(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ready)).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"audit\":\"up\""));
    }

    /** A check constraint no new row meets (existing rows are not checked), or none. */
    private void refuseNewAuditRows(boolean refuse) throws Exception {
        try (Connection c = server.jdbc(); Statement statement = c.createStatement()) {
            statement.execute(!refuse ? "ALTER TABLE audit_event DROP CONSTRAINT audit_refused"
                    : "ALTER TABLE audit_event ADD CONSTRAINT audit_refused CHECK (outcome = 'refused') "
                            + (database == TestDatabase.H2 ? "NOCHECK" : "NOT VALID"));
        }
    }

    private static List<AuditEvent> audit(String query) {
        Bundle page = server.client().search().byUrl(query).returnBundle(Bundle.class).execute();
        return page.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    private static List<Instant> recorded(List<AuditEvent> events) {
        return events.stream().map(e -> e.getRecorded().toInstant()).toList();
    }

    /** "transaction", "read", "login", or "422:create" when the outcome was not success. */
    private static String summary(AuditEvent event) {
        String kind = event.getSubtypeFirstRep().getCode();
        String what = "110122".equals(kind) ? "login" : "operation".equals(kind) ? event.getSubtypeFirstRep().getDisplay() : kind;
        return event.getOutcome() == AuditEvent.AuditEventOutcome._0 ? what
                : event.getOutcomeDesc() != null && event.getOutcomeDesc().startsWith("HTTP ") ? event.getOutcomeDesc().substring(5) + ":" + what
                : what;
    }

    private static List<String> sortedSummaries(List<AuditEvent> events) {
        return events.stream().map(AuditTrailTest::summary).sorted().toList();
    }

    private static AuditEvent only(List<AuditEvent> events, String summary) {
        List<AuditEvent> matching = events.stream().filter(e -> summary(e).equals(summary)).toList();
        assertEquals(1, matching.size(), summary + " in " + events.stream().map(AuditTrailTest::summary).toList());
        return matching.get(0);
    }

    private static Set<String> whats(AuditEvent event) {
        return event.getEntity().stream().filter(AuditEvent.AuditEventEntityComponent::hasWhat)
                .map(e -> e.getWhat().getReference()).collect(Collectors.toSet());
    }
}
