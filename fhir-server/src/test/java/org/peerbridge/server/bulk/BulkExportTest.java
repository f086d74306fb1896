package org.peerbridge.server.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.support.BulkData;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.TestDatabase;

/**
 * Bulk Data export as the IG's flow runs it, over HTTP with a bearer token: kick-off, status polling,
 * the manifest, downloads and cancel; what a referrer's export holds against the program's; _type,
 * _since (with deletions), _typeFilter and Group and patient narrowing; refusals with their location;
 * the snapshot (what changes after the kick-off is exported as it was); pages kept compressed; a job that outlives its server, or
 * the replica that held it; expiry.
 */
class BulkExportTest extends ServerTest {

    @Test
    void aSystemExportGoesFromKickOffToDownloadedFiles() {
        Referrals.send(server.client());
        Referrals.send(server.client());
        String token = server.accessToken();
        Set<String> patients = ids(server.client(), "Patient");
        Set<String> referrals = ids(server.client(), "ServiceRequest");
        long before = Instant.now().toEpochMilli();

        HttpResponse<String> kickOff = BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient,ServiceRequest");
        String status = BulkData.statusUrl(kickOff);
        assertTrue(status.startsWith(server.baseUrl() + "/bulk-export/"), status);
        assertTrue(kickOff.body().contains("OperationOutcome"), kickOff.body());
        JsonNode manifest = BulkData.manifest(status, token);

        long transactionTime = Instant.parse(manifest.path("transactionTime").asText()).toEpochMilli();
        assertTrue(transactionTime >= before - 1000 && transactionTime <= Instant.now().toEpochMilli(), manifest.toString());
        assertEquals(server.baseUrl() + "/$export?_type=Patient,ServiceRequest", manifest.path("request").asText());
        assertTrue(manifest.path("requiresAccessToken").asBoolean());
        assertEquals(0, manifest.path("error").size());
        assertFalse(manifest.has("deleted"), "deletions are listed only for an export with _since");
        assertEquals(patients, new TreeSet<>(BulkData.ids(manifest, "Patient", token)));
        assertEquals(referrals, new TreeSet<>(BulkData.ids(manifest, "ServiceRequest", token)));
        for (JsonNode file : manifest.path("output")) {
            HttpResponse<String> download = BulkData.get(file.path("url").asText(), token);
            assertEquals("application/fhir+ndjson", download.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals(file.path("count").asInt(), download.body().lines().count());
        }

        String clientId = server.clientId();
        Eventually.until("the kick-off and each download in the audit trail", () -> {
            List<AuditEvent> kickOffs = audit("AuditEvent?altid=" + clientId + "&subtype=" + encode("$export"));
            List<AuditEvent> downloads = audit("AuditEvent?altid=" + clientId + "&subtype=bulk-download");
            return kickOffs.stream().anyMatch(e -> e.getOutcomeDesc() != null && status.endsWith(e.getOutcomeDesc().split(" ")[3]))
                    && downloads.size() >= 2 * manifest.path("output").size();
        });
    }

    @Test
    void aReferrerExportsOnlyWhatDerivesFromItsOwnReferrals() {
        String run = Referrals.unique();
        TokenClient north = server.register("bulk-north-" + run, "Organization/north-" + run, "system/*.cruds");
        TokenClient east = server.register("bulk-east-" + run, "Organization/east-" + run, "system/*.cruds");
        Referrals.Sent first = Referrals.send(server.clientAt(server.baseUrl(), north));
        Referrals.Sent second = Referrals.send(server.clientAt(server.baseUrl(), north));
        Referrals.send(server.clientAt(server.baseUrl(), east));

        String status = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), north.accessToken(), "/Patient/$export"));
        JsonNode manifest = BulkData.manifest(status, north.accessToken());
        assertEquals(sorted(id(first.patientReference()), id(second.patientReference())), BulkData.ids(manifest, "Patient", north.accessToken()));
        assertEquals(sorted(first.request().getIdElement().getIdPart(), second.request().getIdElement().getIdPart()),
                BulkData.ids(manifest, "ServiceRequest", north.accessToken()));
        assertEquals(sorted(first.task().getIdElement().getIdPart(), second.task().getIdElement().getIdPart()),
                BulkData.ids(manifest, "Task", north.accessToken()));

        JsonNode system = BulkData.manifest(BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), north.accessToken(),
                "/$export?_type=Patient")), north.accessToken());
        assertEquals(sorted(id(first.patientReference()), id(second.patientReference())), BulkData.ids(system, "Patient", north.accessToken()),
                "a referrer's system-level export holds its own patients only");

        String eastToken = east.accessToken();
        assertEquals(404, BulkData.get(status, eastToken).statusCode(), "another client does not learn the export exists");
        assertEquals(404, BulkData.get(manifest.path("output").get(0).path("url").asText(), eastToken).statusCode());
        assertEquals(404, BulkData.delete(status, eastToken).statusCode());
        assertEquals(200, BulkData.get(status, north.accessToken()).statusCode(), "east's DELETE cancelled nothing");
    }

    @Test
    void sinceAndTypeFilterSelectByLastUpdatedAndDeletionsAreListed() {
        IGenericClient program = server.client();
        Patient before = (Patient) program.create().resource(Referrals.patient(Referrals.unique())).execute().getResource();
        String since = before.getMeta().getLastUpdatedElement().getValueAsString();
        String kept = program.create().resource(Referrals.patient(Referrals.unique())).execute().getId().getIdPart();
        IdType removed = new IdType(program.create().resource(Referrals.patient(Referrals.unique())).execute().getId().toUnqualifiedVersionless().getValue());
        program.delete().resourceById(removed).execute();
        String token = server.accessToken();

        JsonNode changed = BulkData.manifest(BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token,
                "/$export?_type=Patient&_since=" + encode(since))), token);
        assertEquals(List.of(kept), BulkData.ids(changed, "Patient", token));
        List<JsonNode> deletions = BulkData.resources(changed, "deleted", "Bundle", token);
        assertEquals(1, deletions.size(), changed.toString());
        assertEquals("transaction", deletions.get(0).path("type").asText());
        JsonNode request = deletions.get(0).path("entry").get(0).path("request");
        assertEquals("DELETE", request.path("method").asText());
        assertEquals("Patient/" + removed.getIdPart(), request.path("url").asText());

        JsonNode filtered = BulkData.manifest(BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token,
                "/$export?_type=Patient,Practitioner&_typeFilter=" + encode("Patient?_lastUpdated=gt" + since))), token);
        assertEquals(List.of(kept), BulkData.ids(filtered, "Patient", token));
        assertEquals(ids(program, "Practitioner"), new TreeSet<>(BulkData.ids(filtered, "Practitioner", token)), "unfiltered types whole");
    }

    @Test
    void aGroupOrAPatientListNarrowsTheExportToThosePatients() {
        IGenericClient program = server.client();
        Referrals.Sent member = Referrals.send(program);
        Referrals.Sent other = Referrals.send(program);
        Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
        group.addMember().setEntity(new Reference(member.patientReference()));
        String groupId = program.create().resource(group).execute().getId().getIdPart();
        String token = server.accessToken();

        JsonNode manifest = BulkData.manifest(BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token,
                "/Group/" + groupId + "/$export?_type=Patient,ServiceRequest")), token);
        assertEquals(List.of(id(member.patientReference())), BulkData.ids(manifest, "Patient", token));
        assertEquals(List.of(member.request().getIdElement().getIdPart()), BulkData.ids(manifest, "ServiceRequest", token));

        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_type\",\"valueString\":\"ServiceRequest\"},"
                + "{\"name\":\"patient\",\"valueReference\":{\"reference\":\"" + other.patientReference() + "\"}}]}";
        JsonNode listed = BulkData.manifest(BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/Patient/$export", parameters)), token);
        assertEquals(List.of(other.request().getIdElement().getIdPart()), BulkData.ids(listed, "ServiceRequest", token));

        TokenClient referrer = server.register("bulk-group-" + Referrals.unique(), "Organization/group-" + Referrals.unique(), "system/*.rs");
        assertEquals(404, BulkData.kickOff(server.baseUrl(), referrer.accessToken(), "/Group/" + groupId + "/$export").statusCode(),
                "the program's group is not the referrer's to see");
        assertEquals(404, BulkData.kickOff(server.baseUrl(), token, "/Group/no-such-group/$export").statusCode());
    }

    @Test
    void badKickOffsAreRefusedWithTheirLocationAndStoreNothing() throws Exception {
        String token = server.accessToken();
        int jobs = count("bulk_export_job");
        HttpResponse<String> noPrefer = server.send("GET", "/$export", null, null);
        assertEquals(400, noPrefer.statusCode(), noPrefer.body());
        assertTrue(noPrefer.body().contains("http.Prefer"), noPrefer.body());
        for (String[] bad : List.of(new String[] {"?_type=Banana", "http._type"}, new String[] {"?_since=yesterday", "http._since"},
                new String[] {"?_typeFilter=" + encode("Patient?name=Smith"), "http._typeFilter"},
                new String[] {"?_type=Patient&_typeFilter=" + encode("Observation?_lastUpdated=gt2020-01-01"), "http._typeFilter"},
                new String[] {"?_elements=id", "http._elements"}, new String[] {"?_outputFormat=text/csv", "http._outputFormat"},
                new String[] {"?colour=blue", "http.colour"})) {
            HttpResponse<String> answer = BulkData.kickOff(server.baseUrl(), token, "/$export" + bad[0]);
            assertEquals(400, answer.statusCode(), bad[0] + ": " + answer.body());
            assertTrue(answer.body().contains("OperationOutcome") && answer.body().contains(bad[1]), answer.body());
        }
        HttpResponse<String> patientInUrl = BulkData.kickOff(server.baseUrl(), token, "/Patient/$export?patient=Patient/1");
        assertEquals(400, patientInUrl.statusCode(), patientInUrl.body());
        HttpResponse<String> unknownPatient = BulkData.kickOff(server.baseUrl(), token, "/Patient/$export",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"patient\",\"valueReference\":{\"reference\":\"Patient/nobody\"}}]}");
        assertEquals(400, unknownPatient.statusCode(), unknownPatient.body());
        assertTrue(unknownPatient.body().contains("Parameters.parameter[0].valueReference"), unknownPatient.body());
        assertEquals(jobs, count("bulk_export_job"), "a refused kick-off stores no job");

        HttpResponse<String> unknown = BulkData.get(server.baseUrl() + "/bulk-export/" + UUID.randomUUID(), token);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("OperationOutcome"), unknown.body());
        TokenClient observationsOnly = server.register("bulk-obs-" + Referrals.unique(), "Organization/obs-" + Referrals.unique(),
                "system/Observation.rs");
        assertEquals(403, BulkData.kickOff(server.baseUrl(), observationsOnly.accessToken(), "/$export").statusCode(),
                "a system-level export needs read on every type");
    }

    @Test
    void cancellingRemovesAnExportAndExpiryRemovesAFinishedOne() throws Exception {
        Referrals.send(server.client());
        String token = server.accessToken();
        String cancelled = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient"));
        JsonNode manifest = BulkData.manifest(cancelled, token);
        String file = manifest.path("output").get(0).path("url").asText();
        assertEquals(202, BulkData.delete(cancelled, token).statusCode());
        assertEquals(404, BulkData.get(cancelled, token).statusCode());
        assertEquals(404, BulkData.get(file, token).statusCode());
        assertEquals(404, BulkData.delete(cancelled, token).statusCode(), "nothing left to cancel");

        String expiring = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient"));
        BulkData.manifest(expiring, token);
        String job = expiring.substring(expiring.lastIndexOf('/') + 1);
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE bulk_export_job SET expires = 1 WHERE job_id = '" + job + "'");
        }
        Eventually.until("the expired export to be removed", () -> BulkData.get(expiring, token).statusCode() == 404);
        assertEquals(0, count("bulk_export_chunk WHERE job_id = '" + job + "'"), "its files are gone from the database");
    }

    @Test
    void pagesAreKeptCompressedAndAFileKeptAsTextBeforeThatStillDownloads() throws Exception {
        Referrals.send(server.client());
        String token = server.accessToken();
        String status = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient"));
        JsonNode manifest = BulkData.manifest(status, token);
        List<String> exported = BulkData.ids(manifest, "Patient", token);
        String job = status.substring(status.lastIndexOf('/') + 1);
        assertEquals(0, count("bulk_export_chunk WHERE job_id = '" + job + "' AND (ndjson_gzip IS NULL OR ndjson IS NOT NULL)"));

        try (Connection c = server.jdbc(); Statement read = c.createStatement();
             ResultSet chunks = read.executeQuery("SELECT file_no, chunk_no, ndjson_gzip FROM bulk_export_chunk WHERE job_id = '" + job + "'");
             var asText = c.prepareStatement("UPDATE bulk_export_chunk SET ndjson = ?, ndjson_gzip = NULL"
                     + " WHERE job_id = '" + job + "' AND file_no = ? AND chunk_no = ?")) {
            while (chunks.next()) { // as a server before the compression wrote them
                asText.setString(1, NdjsonGzip.decompress(chunks.getBytes(3)));
                asText.setInt(2, chunks.getInt(1));
                asText.setInt(3, chunks.getInt(2));
                asText.executeUpdate();
            }
        }
        assertEquals(0, count("bulk_export_chunk WHERE job_id = '" + job + "' AND ndjson IS NULL"));
        assertEquals(exported, BulkData.ids(manifest, "Patient", token));
    }

    @Test
    void aQueuedExportSurvivesARestartAndALeaseLeftByADeadReplicaIsTakenOver() throws Exception {
        server.restart(config -> config.withBulkExport(config.bulkExport().withWorkers(0)));
        String token = server.accessToken();
        Referrals.send(server.client());
        Set<String> patients = ids(server.client(), "Patient");
        String status = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient"));
        HttpResponse<String> queued = BulkData.get(status, token);
        assertEquals(202, queued.statusCode(), "no replica runs exports");
        assertEquals("queued", queued.headers().firstValue("X-Progress").orElse(""));
        assertTrue(queued.headers().firstValue("Retry-After").isPresent());
        String job = status.substring(status.lastIndexOf('/') + 1);
        try (Connection c = server.jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE bulk_export_job SET status = 'running', lease_owner = 'replica-gone', lease_expires = 1,"
                    + " attempts = 1 WHERE job_id = '" + job + "'");
        }
        String oldBase = server.baseUrl();

        server.restart();

        String moved = status.replace(oldBase, server.baseUrl());
        JsonNode manifest = BulkData.manifest(moved, token);
        assertEquals(patients, new TreeSet<>(BulkData.ids(manifest, "Patient", token)));
    }

    @Test
    void anExportHoldsEachResourceAsItStoodAtItsTransactionTime() {
        server.restart(config -> config.withBulkExport(config.bulkExport().withWorkers(0)));
        IGenericClient program = server.client();
        Patient changed = (Patient) program.create().resource(Referrals.patient(Referrals.unique())).execute().getResource();
        IdType removed = new IdType(program.create().resource(Referrals.patient(Referrals.unique())).execute().getId().toUnqualifiedVersionless().getValue());
        String token = server.accessToken();
        String status = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/$export?_type=Patient"));
        String familyBefore = changed.getNameFirstRep().getFamily();
        changed.getNameFirstRep().setFamily("Changed-after-the-kick-off");
        program.update().resource(changed).execute();
        program.delete().resourceById(removed).execute();
        String created = program.create().resource(Referrals.patient(Referrals.unique())).execute().getId().getIdPart();
        String oldBase = server.baseUrl();

        server.restart();

        JsonNode manifest = BulkData.manifest(status.replace(oldBase, server.baseUrl()), token);
        Map<String, JsonNode> exported = new HashMap<>();
        BulkData.resources(manifest, "output", "Patient", token).forEach(patient -> exported.put(patient.path("id").asText(), patient));
        JsonNode asItWas = exported.get(changed.getIdElement().getIdPart());
        assertEquals("1", asItWas.path("meta").path("versionId").asText(), asItWas.toString());
        assertEquals(familyBefore, asItWas.path("name").get(0).path("family").asText());
        assertTrue(exported.containsKey(removed.getIdPart()), "deleted after the snapshot: exported as it was");
        assertFalse(exported.containsKey(created), "created after the snapshot: not in it");
    }

    @Test
    void aPatientExportHoldsARecordChangedOrDeletedAfterItsSnapshotAsItWas() {
        server.restart(config -> config.withBulkExport(config.bulkExport().withWorkers(0)));
        IGenericClient program = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        Referrals.Sent referral = Sessions.acceptedReferral(program);
        IIdType removed = program.create().resource(Sessions.planned(referral, supporter.role())).execute().getId().toUnqualifiedVersionless();
        Encounter changed = (Encounter) program.create().resource(Sessions.planned(referral, supporter.role())).execute().getResource();
        String token = server.accessToken();
        String status = BulkData.statusUrl(BulkData.kickOff(server.baseUrl(), token, "/Patient/$export?_type=Encounter"));
        program.delete().resourceById(removed).execute();
        changed.setStatus(Encounter.EncounterStatus.FINISHED).setLength(Sessions.minutes(45));
        program.update().resource(changed).execute();
        String oldBase = server.baseUrl();

        server.restart();

        JsonNode manifest = BulkData.manifest(status.replace(oldBase, server.baseUrl()), token);
        Map<String, JsonNode> exported = new HashMap<>();
        BulkData.resources(manifest, "output", "Encounter", token).forEach(session -> exported.put(session.path("id").asText(), session));
        assertEquals(Set.of(removed.getIdPart(), changed.getIdElement().getIdPart()), exported.keySet(),
                "the patient's sessions as the snapshot had them, the one deleted since included");
        assertEquals("1", exported.get(changed.getIdElement().getIdPart()).path("meta").path("versionId").asText());
        assertTrue(exported.get(changed.getIdElement().getIdPart()).path("length").isMissingNode(), "the planned session had no length yet");
    }

    @Test
    void aReplicaServesTheFilesAnotherReplicaWrote() {
        Assumptions.assumeTrue(database == TestDatabase.POSTGRESQL, "replicas share PostgreSQL");
        Referrals.send(server.client());
        String token = server.accessToken();
        Set<String> patients = ids(server.client(), "Patient");
        try (PeerBridgeServer replica = server.startReplica()) {
            String status = BulkData.statusUrl(BulkData.kickOff(replica.baseUrl(), token, "/$export?_type=Patient"));
            JsonNode manifest = BulkData.manifest(status.replace(replica.baseUrl(), server.baseUrl()), token);
            assertEquals(patients, new TreeSet<>(BulkData.ids(manifest, "Patient", token)));
        }
    }

    @Test
    void theCapabilityStatementDeclaresTheBulkDataExports() {
        CapabilityStatement capabilities = server.client().capabilities().ofType(CapabilityStatement.class).execute();
        assertTrue(capabilities.getInstantiates().stream().anyMatch(c -> c.getValue().equals(BulkExport.CAPABILITY_STATEMENT)));
        assertTrue(capabilities.getRestFirstRep().getOperation().stream()
                .anyMatch(o -> o.getName().equals("export") && o.getDefinition().equals(BulkExport.SYSTEM_EXPORT)));
        for (String[] typeAndDefinition : List.of(new String[] {"Patient", BulkExport.PATIENT_EXPORT}, new String[] {"Group", BulkExport.GROUP_EXPORT})) {
            assertTrue(capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(typeAndDefinition[0]))
                    .flatMap(r -> r.getOperation().stream()).anyMatch(o -> o.getDefinition().equals(typeAndDefinition[1])), typeAndDefinition[0]);
        }
    }

    private static Set<String> ids(IGenericClient client, String type) {
        Set<String> ids = new TreeSet<>();
        Bundle page = client.search().forResource(type).count(1000).returnBundle(Bundle.class).execute();
        while (true) {
            page.getEntry().forEach(entry -> ids.add(entry.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return ids;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    private static List<AuditEvent> audit(String query) {
        Bundle bundle = server.client().search().byUrl(query).returnBundle(Bundle.class).execute();
        List<AuditEvent> events = new ArrayList<>();
        bundle.getEntry().forEach(entry -> events.add((AuditEvent) entry.getResource()));
        return events;
    }

    private static int count(String tableAndCondition) throws Exception {
        try (Connection c = server.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + tableAndCondition)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String id(String reference) {
        return new IdType(reference).getIdPart();
    }

    private static List<String> sorted(String... ids) {
        return new TreeSet<>(List.of(ids)).stream().toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
