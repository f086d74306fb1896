package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.referral.BusinessStatus;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.subscription.TestSubscriptions;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.ServerTest;

/**
 * Who may do what (mapping/access/RolePermissions), for each actor on one referral: the program's client, the
 * referrer that sent it, another referrer, the admin client (the program's, with the admin scope), an admin client
 * with the admin scope alone, and a referring organization's client holding the admin scope (registration refuses
 * the scope to such a client; the role ignores it anyway). Each refusal is
 * a 403 naming the rule, changes nothing and is audited; another referrer's attempt on this referral's data is
 * answered exactly as for data that does not exist.
 */
class RoleMatrixTest extends ServerTest {

    private IGenericClient program;
    private IGenericClient referrer;
    private IGenericClient otherReferrer;
    private IGenericClient admin;
    private IGenericClient adminScopeAlone;
    private IGenericClient referrerWithAdminScope;
    private String referrerId;
    private Referrals.Sent referral;
    private List<Actor> actors;

    /** One column of the matrix: a client by name, and its token. */
    private record Actor(String name, Supplier<String> token) {
        HttpResponse<String> ask(String method, String path, Resource body) {
            return send(method, path, body == null ? null : "application/fhir+json",
                    body == null ? null : server.fhir().newJsonParser().encodeResourceToString(body));
        }

        HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
            String[] withToken = java.util.Arrays.copyOf(headers, headers.length + 2);
            withToken[headers.length] = "Authorization";
            withToken[headers.length + 1] = "Bearer " + token.get();
            return server.sendWithoutToken(method, path, contentType, body, withToken);
        }
    }

    /** One row of the matrix: a request and the answer each actor gets, in the order of {@link #actors}. */
    private record Row(String method, String path, Resource body, List<String> answers) {
    }

    private static final String OK = "200";
    private static final String HIDDEN = "404";
    private static final String SCOPE = "403 scope";
    private static final String ADMIN_ONLY = "403 admin-only";
    private static final String PROGRAM_RECORDS = "403 program-records";

    @BeforeEach
    void oneReferralAndItsActors() {
        String run = Referrals.unique();
        referrerId = "referrer-" + run;
        actors = new ArrayList<>();
        program = actor("program", "program-" + run, Sessions.PROGRAM, "system/*.cruds");
        referrer = actor("referrer", referrerId, "Organization/referrer-" + run, "system/*.cruds");
        otherReferrer = actor("another referrer", "other-" + run, "Organization/other-" + run, "system/*.cruds");
        admin = server.client();
        actors.add(new Actor("admin", server::accessToken));
        adminScopeAlone = actor("admin scope alone", "admin-only-" + run, Sessions.PROGRAM, "peerbridge/admin");
        referrerWithAdminScope = actor("referrer given the admin scope", "ehr-admin-" + run, "Organization/ehr-admin-" + run, "system/*.cruds peerbridge/admin");
        referral = Referrals.send(referrer);
    }

    /** Registers a client, adds it as the next column, and returns a generic client with its tokens. */
    private IGenericClient actor(String name, String clientId, String organization, String scopes) {
        TokenClient tokens = server.register(clientId, organization, scopes);
        actors.add(new Actor(name, tokens::accessToken));
        return server.clientAt(server.baseUrl(), tokens);
    }

    @Test
    void onlyTheProgramTriagesAndFulfils() {
        for (Task.TaskStatus status : List.of(Task.TaskStatus.ACCEPTED, Task.TaskStatus.REJECTED, Task.TaskStatus.INPROGRESS,
                Task.TaskStatus.FAILED, Task.TaskStatus.COMPLETED)) {
            Task changed = withStatus(task(), status);
            assertForbidden("program-triages", () -> referrer.update().resource(changed).execute());
            Refusals.refused(404, () -> otherReferrer.update().resource(changed).execute());
        }
        Task businessStatus = task();
        businessStatus.setBusinessStatus(BusinessStatus.EVENT_SCHEDULED.toCodeableConcept());
        assertForbidden("program-triages", () -> referrer.update().resource(businessStatus).execute());
        assertEquals("1", task().getMeta().getVersionId(), "nothing changed");

        program.update().resource(withStatus(task(), Task.TaskStatus.ACCEPTED)).execute();
        admin.update().resource(withStatus(task(), Task.TaskStatus.INPROGRESS)).execute();
        assertEquals(Task.TaskStatus.INPROGRESS, task().getStatus());
        assertTrue(auditedRefusals() >= 6, "every refusal is audited");
    }

    @Test
    void theReferrerAsksToCancelAndCancels() {
        Task asking = task();
        asking.setBusinessStatus(BusinessStatus.CANCELLATION_REQUESTED.toCodeableConcept());
        referrer.update().resource(asking).execute();
        assertEquals("5.2", task().getBusinessStatus().getCodingFirstRep().getCode());
        Task cancelled = withStatus(task(), Task.TaskStatus.CANCELLED);
        cancelled.getStatusReason().setText("Patient moved away");
        referrer.update().resource(cancelled).execute();
        assertEquals(Task.TaskStatus.CANCELLED, task().getStatus());
    }

    @Test
    void theReferrerUpdatesAndRevokesItsOwnReferralOnly() {
        ServiceRequest revoked = referrer.read().resource(ServiceRequest.class).withId(referral.requestReference()).execute();
        revoked.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        Refusals.refused(404, () -> otherReferrer.update().resource(revoked).execute());
        referrer.update().resource(revoked).execute();
        assertEquals(Task.TaskStatus.CANCELLED, task().getStatus(), "the Task follows the revoked referral");
    }

    @Test
    void onlyTheProgramRecordsSessionsResponsesAndTheDirectory() {
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        program.update().resource(withStatus(task(), Task.TaskStatus.ACCEPTED)).execute();
        Encounter session = Sessions.attended(referral, supporter.role());
        for (IGenericClient ehr : List.of(referrer, otherReferrer)) {
            assertForbidden("program-records", () -> ehr.create().resource(session).execute());
            assertForbidden("program-records", () -> ehr.create().resource(
                    Responses.answered(Responses.PHQ9, referral, "2025-06-10T15:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0, 1)).execute());
            assertForbidden("program-records", () -> ehr.create().resource(new HealthcareService().setName("Peer group")).execute());
            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            Referrals.add(transaction, Sessions.attended(referral, supporter.role()));
            assertForbidden("program-records", () -> ehr.transaction().withBundle(transaction).execute());
        }
        assertEquals(0, total(admin, "Encounter?based-on=" + referral.requestReference()), "nothing was stored");
        assertEquals(0, total(admin, "QuestionnaireResponse?based-on=" + referral.requestReference()));

        String recorded = program.create().resource(session).execute().getId().toUnqualifiedVersionless().getValue();
        admin.create().resource(Responses.answered(Responses.PHQ9, referral, "2025-06-10T15:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0, 0)).execute();
        assertEquals(recorded, referrer.read().resource(Encounter.class).withId(recorded).execute().getIdElement().toUnqualifiedVersionless().getValue(),
                "the referrer reads what derives from its referral");
        Refusals.refused(404, () -> otherReferrer.read().resource(Encounter.class).withId(recorded).execute());
        assertForbidden("program-records", () -> referrer.delete().resourceById(new org.hl7.fhir.r4.model.IdType(recorded)).execute());
        Bundle report = referrer.operation().onInstance(referral.requestReference()).named("$progress-report")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();
        assertEquals(Bundle.BundleType.DOCUMENT, report.getType());
    }

    @Test
    void nobodyDeletesTheFulfilmentTask() {
        String taskId = "Task/" + referral.task().getIdElement().getIdPart();
        for (IGenericClient anyone : List.of(referrer, program, admin)) {
            assertForbidden("fulfilment-task-kept", () -> anyone.delete().resourceById(new org.hl7.fhir.r4.model.IdType(taskId)).execute());
        }
        Refusals.refused(404, () -> otherReferrer.delete().resourceById(new org.hl7.fhir.r4.model.IdType(taskId)).execute());
        assertEquals(1, total(referrer, "Task?focus=" + referral.requestReference()), "the referral keeps its Task");
    }

    /**
     * Every interaction and operation but the writes (the tests above), for each actor. Reads are the organization's:
     * another referrer gets exactly the answer it would get for data that does not exist. Refusals that depend on the
     * role name their rule; the scope check comes first. Nothing refused changes anything.
     */
    @Test
    void everyReadAndOperationAnswersEachActorAsTheTableSays() {
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        program.update().resource(withStatus(task(), Task.TaskStatus.ACCEPTED)).execute();
        Sessions.record(program, Sessions.attended(referral, supporter.role()));
        Subscription subscription = (Subscription) referrer.create().resource(
                TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, "http://127.0.0.1:9/notify", "id-only")).execute().getResource();
        String request = referral.requestReference();
        String taskReference = "Task/" + referral.task().getIdElement().getIdPart();
        String patient = referral.patientReference();
        String subscriptionReference = "Subscription/" + subscription.getIdElement().getIdPart();
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(taskReference);
        String taskVersion = task().getMeta().getVersionId();
        int sessions = total(admin, "Encounter?based-on=" + request);

        List<Row> rows = List.of(
                row("GET", "/" + request, null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/" + taskReference + "/_history/1", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/" + request + "/_history", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/Encounter?based-on=" + request, null, OK, OK, OK, OK, SCOPE, OK),
                row("GET", "/ServiceRequest?_id=" + referral.request().getIdElement().getIdPart() + "&_revinclude=Task:focus", null,
                        OK, OK, OK, OK, SCOPE, OK),
                row("GET", "/Task/_history?_count=1", null, OK, OK, OK, OK, SCOPE, OK),
                row("GET", "/_history?_count=1", null, OK, OK, OK, OK, SCOPE, OK),
                row("GET", "/" + patient + "/$everything", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/" + request + "/$progress-report", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/$program-outcomes", null, OK, OK, OK, OK, SCOPE, OK),
                row("POST", "/Encounter/$validate", validate(Sessions.attended(referral, supporter.role()), null),
                        OK, PROGRAM_RECORDS, PROGRAM_RECORDS, OK, SCOPE, PROGRAM_RECORDS),
                row("POST", "/Patient/$validate", validate(Referrals.patient(Referrals.unique()), null), OK, OK, OK, OK, SCOPE, OK),
                row("POST", "/" + taskReference + "/$validate", validate(null, "delete"), OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/" + subscriptionReference + "/$status", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("GET", "/" + subscriptionReference + "/$events", null, OK, OK, HIDDEN, OK, SCOPE, HIDDEN),
                row("POST", "", batch, OK, OK, OK, OK, OK, OK),
                row("GET", "/AuditEvent?_count=1", null, SCOPE, SCOPE, SCOPE, OK, OK, ADMIN_ONLY),
                row("GET", "/auth/clients", null, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, OK, OK, ADMIN_ONLY),
                row("GET", "/auth/users", null, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, OK, OK, ADMIN_ONLY),
                row("GET", "/metadata", null, OK, OK, OK, OK, OK, OK),
                row("GET", "/api-docs", null, OK, OK, OK, OK, OK, OK));
        for (Row row : rows) {
            for (int i = 0; i < actors.size(); i++) {
                Actor actor = actors.get(i);
                HttpResponse<String> answer = actor.ask(row.method(), row.path(), row.body());
                assertAnswer(row.answers().get(i), answer, actor.name() + ": " + row.method() + " " + row.path());
                if (row.answers().get(i).equals(HIDDEN)) {
                    assertAsIfAbsent(actor, row, answer);
                }
            }
        }

        List<String> exports = new ArrayList<>();
        for (Actor actor : actors) {
            HttpResponse<String> kickOff = actor.send("GET", "/Patient/$export?_type=Patient", null, null,
                    "Prefer", "respond-async", "Accept", "application/fhir+json");
            exports.add(kickOff.statusCode() == 403 ? SCOPE : Integer.toString(kickOff.statusCode()));
        }
        assertEquals(List.of("202", "202", "202", "202", SCOPE, "202"), exports, "a Bulk Data export, of what each may read");

        List<String> searches = List.of("Encounter?based-on=" + request,
                "ServiceRequest?_id=" + referral.request().getIdElement().getIdPart() + "&_revinclude=Task:focus");
        for (String search : searches) {
            assertEquals(List.of(1, 1, 0, 1), List.of(total(program, search), total(referrer, search), total(otherReferrer, search),
                    total(admin, search)), "what each sees of " + search);
        }
        assertEquals(0, otherReferrer.fetchResourceFromUrl(Bundle.class, server.baseUrl() + "/Task/_history?_count=1").getTotal(),
                "another referrer's history holds nothing of the referral");
        assertEquals(List.of("200 OK", "200 OK", "404 Not Found", "200 OK", "403 Forbidden", "404 Not Found"),
                List.of(entryStatus(program, batch), entryStatus(referrer, batch), entryStatus(otherReferrer, batch), entryStatus(admin, batch),
                        entryStatus(adminScopeAlone, batch), entryStatus(referrerWithAdminScope, batch)),
                "a batch's GET entry is answered as if sent alone");

        assertEquals(taskVersion, task().getMeta().getVersionId(), "$validate mode=delete deleted nothing");
        assertEquals(sessions, total(admin, "Encounter?based-on=" + request), "$validate stored nothing");
        assertTrue(auditedRefusals() >= 4, "every refusal is audited");
        referrer.delete().resourceById(subscription.getIdElement().toUnqualifiedVersionless()).execute();
    }

    /** Client registration over the admin API: only the admin's callers register; a refused one stores nothing. */
    @Test
    void onlyTheAdminRegistersClients() {
        List<String> registered = new ArrayList<>();
        for (Actor actor : actors) {
            String clientId = "matrix-" + Referrals.unique();
            HttpResponse<String> answer = actor.send("POST", "/auth/clients", "application/json", "{\"client_id\": \"" + clientId
                    + "\", \"organization\": \"Organization/matrix\", \"scope\": \"system/Task.rs\","
                    + " \"jwks_uri\": \"https://ehr.example.org/jwks.json\"}");
            boolean admin = actor.name().startsWith("admin");
            assertAnswer(admin ? "201" : ADMIN_ONLY, answer, actor.name() + " registers a client");
            if (admin) {
                registered.add(clientId);
            }
            String listed = server.send("GET", "/auth/clients", null, null).body();
            assertEquals(admin, listed.contains("\"" + clientId + "\""), actor.name() + ": stored only when allowed");
        }
        assertEquals(2, registered.size());
    }

    /** The admin scope makes no referrer more than a referrer, and alone it neither reads nor writes clinical data. */
    @Test
    void theAdminScopeNeitherElevatesAReferrerNorReachesClinicalData() {
        Referrals.Sent own = Referrals.send(referrerWithAdminScope);
        assertForbidden("program-triages", () -> referrerWithAdminScope.update().resource(withStatus(own.task(), Task.TaskStatus.ACCEPTED)).execute());
        assertEquals(Task.TaskStatus.REQUESTED, admin.read().resource(Task.class).withId(own.task().getIdElement().getIdPart()).execute().getStatus());

        String mrn = Referrals.unique();
        OperationOutcome refused = Refusals.refused(403, () -> adminScopeAlone.create().resource(Referrals.patient(mrn)).execute());
        assertTrue(refused.getIssueFirstRep().getDiagnostics().contains(" needs "), refused.getIssueFirstRep().getDiagnostics());
        assertEquals(0, total(admin, "Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn), "nothing was stored");
    }

    private Row row(String method, String path, Resource body, String... answers) {
        assertEquals(actors.size(), answers.length, path);
        return new Row(method, path, body, List.of(answers));
    }

    private static Parameters validate(Resource resource, String mode) {
        Parameters parameters = new Parameters();
        if (resource != null) {
            parameters.addParameter().setName("resource").setResource(resource);
        }
        if (mode != null) {
            parameters.addParameter().setName("mode").setValue(new CodeType(mode));
        }
        return parameters;
    }

    /** "200", "404", "403 scope" (the token lacks a scope) or "403 rule" (the role's rule, named first). */
    private static void assertAnswer(String expected, HttpResponse<String> answer, String what) {
        String[] parts = expected.split(" ", 2);
        int status = Integer.parseInt(parts[0]);
        assertEquals(status, answer.statusCode() == 201 && status == 200 ? 200 : answer.statusCode(), () -> what + ": " + answer.body());
        if (parts.length > 1) {
            String diagnostics = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body())
                    .getIssueFirstRep().getDiagnostics();
            assertTrue(parts[1].equals("scope") ? diagnostics.contains(" needs ") : diagnostics.startsWith(parts[1] + ":"),
                    what + ": " + diagnostics);
        }
    }

    /** The same request for an id that does not exist gets the same answer, the id aside: nothing tells that the data exists. */
    private void assertAsIfAbsent(Actor actor, Row row, HttpResponse<String> answer) {
        String id = row.path().split("/")[2];
        String unknown = Referrals.unique();
        HttpResponse<String> absent = actor.ask(row.method(), row.path().replace(id, unknown), row.body());
        assertEquals(absent.statusCode(), answer.statusCode(), row.path());
        assertEquals(absent.body().replace(unknown, "{id}"), answer.body().replace(id, "{id}"), actor.name() + ": " + row.path());
    }

    private static String entryStatus(IGenericClient client, Bundle batch) {
        return client.transaction().withBundle(batch).execute().getEntryFirstRep().getResponse().getStatus();
    }

    private void assertForbidden(String rule, org.junit.jupiter.api.function.Executable request) {
        OperationOutcome outcome = Refusals.refused(403, request);
        assertEquals(OperationOutcome.IssueType.FORBIDDEN, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().startsWith(rule), outcome.getIssueFirstRep().getDiagnostics());
    }

    private Task task() {
        return admin.read().resource(Task.class).withId(referral.task().getIdElement().getIdPart()).execute();
    }

    private static Task withStatus(Task task, Task.TaskStatus status) {
        task.setStatus(status);
        if (status == Task.TaskStatus.REJECTED || status == Task.TaskStatus.FAILED || status == Task.TaskStatus.CANCELLED) {
            task.getStatusReason().setText("reason");
        }
        return task;
    }

    private int auditedRefusals() {
        return total(admin, "AuditEvent?altid=" + referrerId + "&outcome=4");
    }

    private static int total(IGenericClient client, String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute().getTotal();
    }
}
