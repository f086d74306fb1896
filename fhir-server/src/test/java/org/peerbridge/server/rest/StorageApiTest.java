package org.peerbridge.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** Versioned, lossless storage seen through the REST API: read, vread, history, ETags, If-Match, Prefer, delete. */
class StorageApiTest extends ServerTest {

    @Test
    void aWriteWaitsForARowAnotherTransactionHoldsInsteadOfFailing() throws Exception {
        Patient patient = (Patient) server.client().create().resource(Referrals.patient(Referrals.unique())).execute().getResource();
        String id = patient.getIdElement().getIdPart();
        try (Connection holder = server.jdbc()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT version FROM resource WHERE res_type = 'Patient' AND res_id = '" + id + "' FOR UPDATE");
            CompletableFuture<MethodOutcome> update = CompletableFuture.supplyAsync(
                    () -> server.client().update().resource(patient.setGender(Enumerations.AdministrativeGender.OTHER)).execute());
            Thread.sleep(3_000); // longer than H2's own lock timeout (2 s), under which the write failed with 500
            assertFalse(update.isDone(), "the update waits for the row");
            holder.rollback();
            assertEquals("2", update.get(30, TimeUnit.SECONDS).getId().getVersionIdPart());
        }
    }

    @Test
    void resourceReadsBackWithEverythingTheClientSent() {
        Patient patient = Referrals.patient(Referrals.unique());
        patient.addExtension(new Extension("http://example.org/fhir/StructureDefinition/preferred-pronouns", new StringType("they/them")));
        patient.getNameFirstRep().addGiven("Jordan").setText("Alex Jordan Testperson");
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("+1 555 0100");

        IdType id = (IdType) server.client().create().resource(patient).execute().getId();
        Patient read = server.client().read().resource(Patient.class).withId(id.toVersionless()).execute();

        Patient expected = patient.copy();
        expected.setId(read.getIdElement());
        expected.setMeta(read.getMeta());
        assertTrue(expected.equalsDeep(read), "stored resource equals what was sent plus id and meta");
        assertEquals("1", read.getMeta().getVersionId());
        assertNotNull(read.getMeta().getLastUpdated());
    }

    @Test
    void updatesMakeVersionsThatVreadAndHistoryReturn() {
        IdType id = (IdType) server.client().create().resource(organization("Version One")).execute().getId();
        Organization second = organization("Version Two");
        second.setId(id.toVersionless());
        MethodOutcome updated = server.client().update().resource(second).execute();
        assertEquals("2", updated.getId().getVersionIdPart());

        Organization v1 = server.client().read().resource(Organization.class).withIdAndVersion(id.getIdPart(), "1").execute();
        assertEquals("Version One", v1.getName());
        Bundle history = server.client().history().onInstance(id.toVersionless()).returnBundle(Bundle.class).execute();
        assertEquals(Bundle.BundleType.HISTORY, history.getType());
        assertEquals(2, history.getTotal());
        assertEquals("Version Two", ((Organization) history.getEntry().get(0).getResource()).getName(), "newest first");
        assertEquals("PUT", history.getEntry().get(0).getRequest().getMethod().toCode());
        assertEquals("POST", history.getEntry().get(1).getRequest().getMethod().toCode());

        Bundle typeHistory = server.client().history().onType(Organization.class).returnBundle(Bundle.class).execute();
        assertTrue(typeHistory.getTotal() >= 2);
        Bundle systemHistory = server.client().history().onServer().returnBundle(Bundle.class).execute();
        assertTrue(systemHistory.getTotal() >= typeHistory.getTotal());
    }

    @Test
    void readCarriesEtagAndLastModifiedAndIfNoneMatchGives304() {
        IdType id = (IdType) server.client().create().resource(organization("Etag Org")).execute().getId();
        HttpResponse<String> read = server.send("GET", "/Organization/" + id.getIdPart(), null, null);
        assertEquals(200, read.statusCode());
        assertEquals("W/\"1\"", read.headers().firstValue("ETag").orElseThrow());
        assertTrue(read.headers().firstValue("Last-Modified").isPresent());
        HttpResponse<String> notModified = server.send("GET", "/Organization/" + id.getIdPart(), null, null, "If-None-Match", "W/\"1\"");
        assertEquals(304, notModified.statusCode());
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        IdType id = (IdType) server.client().create().resource(organization("Before")).execute().getId();
        String path = "/Organization/" + id.getIdPart();
        HttpResponse<String> fresh = server.send("PUT", path, JSON, body(id, "After"), "If-Match", "W/\"1\"");
        assertEquals(200, fresh.statusCode(), fresh.body());
        HttpResponse<String> stale = server.send("PUT", path, JSON, body(id, "Stale write"), "If-Match", "W/\"1\"");
        assertEquals(412, stale.statusCode());
        OperationOutcome outcome = parse(stale.body(), OperationOutcome.class);
        assertEquals("http.If-Match", outcome.getIssueFirstRep().getLocation().get(0).getValue());
        assertEquals("After", server.client().read().resource(Organization.class).withId(id.toVersionless()).execute().getName());
    }

    @Test
    void preferHeaderChoosesWhatAWriteReturns() {
        HttpResponse<String> minimal = server.send("POST", "/Organization", JSON, body(null, "Minimal"), "Prefer", "return=minimal");
        assertEquals(201, minimal.statusCode());
        assertTrue(minimal.body().isBlank(), "return=minimal sends no body");
        assertTrue(minimal.headers().firstValue("Location").orElseThrow().contains("/Organization/"));

        HttpResponse<String> representation = server.send("POST", "/Organization", JSON, body(null, "Representation"),
                "Prefer", "return=representation");
        assertEquals("Representation", parse(representation.body(), Organization.class).getName());

        HttpResponse<String> outcome = server.send("POST", "/Organization", JSON, body(null, "Outcome"),
                "Prefer", "return=OperationOutcome");
        assertEquals(201, outcome.statusCode());
        assertEquals("OperationOutcome", server.fhir().newJsonParser().parseResource(outcome.body()).fhirType());
    }

    @Test
    void deletedResourceAnswers410AndKeepsItsHistory() {
        IdType id = (IdType) server.client().create().resource(organization("Short-lived")).execute().getId();
        server.client().delete().resourceById(id.toVersionless()).execute();
        assertThrows(ResourceGoneException.class,
                () -> server.client().read().resource(Organization.class).withId(id.toVersionless()).execute());
        Bundle history = server.client().history().onInstance(id.toVersionless()).returnBundle(Bundle.class).execute();
        assertEquals(2, history.getTotal());
        assertEquals("DELETE", history.getEntry().get(0).getRequest().getMethod().toCode());
        assertNull(history.getEntry().get(0).getResource());
        assertEquals("Short-lived", server.client().read().resource(Organization.class).withIdAndVersion(id.getIdPart(), "1")
                .execute().getName(), "earlier versions stay readable");
    }

    @Test
    void historyPagesHoldEveryVersionOnceNewestFirst() {
        IdType id = (IdType) server.client().create().resource(organization("Name 1")).execute().getId();
        for (int n = 2; n <= 3; n++) {
            Organization next = organization("Name " + n);
            next.setId(id.toVersionless());
            server.client().update().resource(next).execute();
        }
        server.client().delete().resourceById(id.toVersionless()).execute();

        List<String> versions = new ArrayList<>();
        Bundle page = server.client().history().onInstance(id.toVersionless()).returnBundle(Bundle.class).count(1).execute();
        while (true) {
            assertEquals(4, page.getTotal(), "every page counts all four versions");
            page.getEntry().forEach(entry -> versions.add(describe(entry)));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = server.client().loadPage().next(page).execute();
        }
        assertEquals(List.of("DELETE -", "PUT Name 3", "PUT Name 2", "POST Name 1"), versions);

        for (int n = 1; n <= 3; n++) {
            assertEquals("Name " + n, server.client().read().resource(Organization.class).withIdAndVersion(id.getIdPart(), Integer.toString(n))
                    .execute().getName(), "vread of version " + n);
        }
        Organization third = server.client().read().resource(Organization.class).withIdAndVersion(id.getIdPart(), "3").execute();
        Bundle since = server.client().history().onType(Organization.class).returnBundle(Bundle.class)
                .since(third.getMeta().getLastUpdated()).count(100).execute();
        assertEquals(List.of("DELETE -", "PUT Name 3"), since.getEntry().stream().filter(entry -> entry.getFullUrl().contains(id.getIdPart()))
                .map(StorageApiTest::describe).toList(), "_since keeps the versions from then on, once each");
        HttpResponse<String> farPage = server.send("GET", "/Organization/" + id.getIdPart() + "/_history?_offset=" + Integer.MAX_VALUE, null, null);
        assertEquals(200, farPage.statusCode(), farPage.body());
        Bundle empty = server.fhir().newJsonParser().parseResource(Bundle.class, farPage.body());
        assertEquals(4, empty.getTotal());
        assertFalse(empty.hasEntry(), "a page past the end is empty");
    }

    /** A history entry as "method name", the name "-" for a deletion. */
    private static String describe(Bundle.BundleEntryComponent entry) {
        return entry.getRequest().getMethod().toCode() + " " + (entry.hasResource() ? ((Organization) entry.getResource()).getName() : "-");
    }

    @Test
    void referencedResourceCannotBeDeleted() {
        Bundle referral = server.client().transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
        String patient = referral.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", "");
        assertThrows(ResourceVersionConflictException.class, () -> server.client().delete().resourceById(new IdType(patient)).execute());
        server.client().read().resource(Patient.class).withId(patient).execute();
    }

    @Test
    void unknownIdAnswers404WithAnOperationOutcome() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> server.client().read().resource(Patient.class).withId("no-such-patient").execute());
        assertEquals(OperationOutcome.IssueType.NOTFOUND,
                ((OperationOutcome) missing.getOperationOutcome()).getIssueFirstRep().getCode());
        HttpResponse<String> unknownVersion = server.send("GET", "/Organization/peerbridge-program/_history/999", null, null);
        assertEquals(404, unknownVersion.statusCode());
    }

    @Test
    void writesSurviveARestart() {
        IdType id = (IdType) server.client().create().resource(organization("Durable")).execute().getId();
        server.restart();
        assertEquals("Durable", server.client().read().resource(Organization.class).withId(id.toVersionless()).execute().getName());
    }

    @Test
    void updateOfAnUnknownIdCreatesItWithTheClientsId() {
        String id = "program-site-" + Referrals.unique();
        Organization site = organization("Downtown site");
        site.setId(id);
        MethodOutcome created = server.client().update().resource(site).execute();
        assertTrue(Boolean.TRUE.equals(created.getCreated()), "201 Created");
        assertEquals("Organization/" + id + "/_history/1", created.getId().toUnqualified().getValue());

        MethodOutcome updated = server.client().update().resource(site).execute();
        assertNotEquals(Boolean.TRUE, updated.getCreated());
        assertEquals("2", updated.getId().getVersionIdPart());

        Organization other = organization("Never created");
        other.setId("missing-" + Referrals.unique());
        assertThrows(ResourceNotFoundException.class, () -> server.client().update().resource(other)
                .withAdditionalHeader("If-Match", "W/\"1\"").execute());
    }

    @Test
    void conditionalCreateMatchesOnlyWhatStillMatches() {
        String mrn = Referrals.unique();
        String criteria = "Patient?identifier=" + Referrals.PATIENT_SYSTEM + "|" + mrn;
        MethodOutcome first = server.client().create().resource(Referrals.patient(mrn)).conditionalByUrl(criteria).execute();
        MethodOutcome again = server.client().create().resource(Referrals.patient(mrn)).conditionalByUrl(criteria).execute();
        assertEquals(first.getId().toUnqualifiedVersionless(), again.getId().toUnqualifiedVersionless(), "still matches: no new Patient");

        Patient renumbered = Referrals.patient(Referrals.unique());
        renumbered.setId(first.getId().toUnqualifiedVersionless());
        server.client().update().resource(renumbered).execute();
        MethodOutcome afterChange = server.client().create().resource(Referrals.patient(mrn)).conditionalByUrl(criteria).execute();
        assertTrue(Boolean.TRUE.equals(afterChange.getCreated()), "the old Patient no longer matches: a new one is created");

        server.client().delete().resourceById(afterChange.getId().toUnqualifiedVersionless()).execute();
        MethodOutcome afterDelete = server.client().create().resource(Referrals.patient(mrn)).conditionalByUrl(criteria).execute();
        assertTrue(Boolean.TRUE.equals(afterDelete.getCreated()), "the match was deleted: a new one is created");
    }

    private static final String JSON = "application/fhir+json";

    private static String body(IdType id, String name) {
        Organization org = organization(name);
        if (id != null) {
            org.setId(id.getIdPart());
        }
        return server.fhir().newJsonParser().encodeResourceToString(org);
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(String body, Class<T> type) {
        return server.fhir().newJsonParser().parseResource(type, body);
    }

    private static Organization organization(String name) {
        Organization org = new Organization();
        org.setName(name);
        org.addIdentifier().setSystem("urn:example:org").setValue(Referrals.unique());
        return org;
    }
}
