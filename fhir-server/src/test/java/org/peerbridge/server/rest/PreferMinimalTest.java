package org.peerbridge.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/**
 * {@code Prefer: return=minimal} over HTTP: a create, an update and each entry written by a transaction or batch
 * answer with where the version is (Location, ETag, Last-Modified; an entry's response) and no resource body,
 * and what they stored reads back whole.
 */
class PreferMinimalTest extends ServerTest {

    private static final String JSON = "application/fhir+json";

    @Test
    void createAnswersWithTheLocationAndNoBody() {
        HttpResponse<String> answer = server.send("POST", "/Patient", JSON, encode(Referrals.patient(Referrals.unique())),
                "Prefer", "return=minimal");

        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(answer.body().isEmpty(), "no body: " + answer.body());
        IdType location = new IdType(answer.headers().firstValue("Location").orElseThrow());
        assertEquals("Patient", location.getResourceType());
        assertEquals("1", location.getVersionIdPart());
        assertEquals("W/\"1\"", answer.headers().firstValue("ETag").orElseThrow());
        assertTrue(answer.headers().firstValue("Last-Modified").isPresent());
        assertEquals(1, server.client().read().resource(Patient.class).withId(location.toVersionless()).execute().getIdentifier().size());

        MethodOutcome viaClient = server.client().create().resource(Referrals.patient(Referrals.unique()))
                .prefer(PreferReturnEnum.MINIMAL).execute();
        assertNull(viaClient.getResource(), "HAPI's client gets no resource back");
        assertEquals("1", viaClient.getId().getVersionIdPart());
    }

    @Test
    void updateAnswersWithTheNewVersionAndNoBody() {
        IdType id = (IdType) server.client().create().resource(organization("Before")).execute().getId();
        Organization changed = organization("After");
        changed.setId(id.getIdPart());

        HttpResponse<String> answer = server.send("PUT", "/Organization/" + id.getIdPart(), JSON, encode(changed),
                "Prefer", "return=minimal");

        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().isEmpty(), "no body: " + answer.body());
        assertEquals("W/\"2\"", answer.headers().firstValue("ETag").orElseThrow());
        assertTrue(answer.headers().firstValue("Last-Modified").isPresent());
        Organization read = server.client().read().resource(Organization.class).withId(id.toVersionless()).execute();
        assertEquals("After", read.getName());
        assertEquals("2", read.getMeta().getVersionId());
    }

    @Test
    void transactionEntriesKeepTheirResponseWithoutTheResource() {
        Bundle minimal = post(Referrals.minimalBundle(Referrals.unique(), Referrals.unique()), "return=minimal");
        Bundle representation = post(Referrals.minimalBundle(Referrals.unique(), Referrals.unique()), null);

        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, minimal.getType());
        assertEquals(3, minimal.getEntry().size());
        for (BundleEntryComponent entry : minimal.getEntry()) {
            assertFalse(entry.hasResource(), "no resource in " + entry.getFullUrl());
            assertEquals("201 Created", entry.getResponse().getStatus());
            assertEquals("W/\"1\"", entry.getResponse().getEtag());
            assertNotNull(entry.getResponse().getLastModified());
            IdType location = new IdType(entry.getResponse().getLocation());
            assertEquals("1", location.getVersionIdPart());
            IBaseResource stored = server.client().read().resource(location.getResourceType()).withId(location.toVersionless()).execute();
            assertEquals(location.getIdPart(), stored.getIdElement().getIdPart());
        }
        assertTrue(representation.getEntry().stream().allMatch(BundleEntryComponent::hasResource),
                "without the header every entry carries its resource");
    }

    @Test
    void batchDropsWrittenResourcesAndKeepsWhatWasRead() {
        IdType existing = (IdType) server.client().create().resource(organization("Read me")).execute().getId();
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(organization("Batch created")).getRequest().setMethod(HTTPVerb.POST).setUrl("Organization");
        batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Organization/" + existing.getIdPart());

        Bundle answer = post(batch, "return=minimal");

        assertEquals(Bundle.BundleType.BATCHRESPONSE, answer.getType());
        BundleEntryComponent created = answer.getEntry().get(0);
        assertEquals("201 Created", created.getResponse().getStatus());
        assertFalse(created.hasResource());
        assertEquals("Batch created", server.client().read().resource(Organization.class)
                .withId(new IdType(created.getResponse().getLocation()).toVersionless()).execute().getName());
        BundleEntryComponent read = answer.getEntry().get(1);
        assertEquals("200 OK", read.getResponse().getStatus());
        assertEquals("Read me", ((Organization) read.getResource()).getName(), "a read entry keeps what it read");
    }

    private static Bundle post(Bundle bundle, String prefer) {
        HttpResponse<String> answer = prefer == null
                ? server.send("POST", "", JSON, encode(bundle))
                : server.send("POST", "", JSON, encode(bundle), "Prefer", prefer);
        assertEquals(200, answer.statusCode(), answer.body());
        return server.fhir().newJsonParser().parseResource(Bundle.class, answer.body());
    }

    private static String encode(IBaseResource resource) {
        return server.fhir().newJsonParser().encodeResourceToString(resource);
    }

    private static Organization organization(String name) {
        Organization org = new Organization();
        org.setName(name);
        org.addIdentifier().setSystem("urn:example:org").setValue(Referrals.unique());
        return org;
    }
}
