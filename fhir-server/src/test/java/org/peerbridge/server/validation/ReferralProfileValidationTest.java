package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/**
 * Every ServiceRequest is held to the published peer support referral profile, on create and in $validate;
 * $validate honours its mode (create, update, delete) and profile, or refuses them with 400.
 */
class ReferralProfileValidationTest extends ServerTest {

    @Test
    void profileIsPublishedAndReadOnly() {
        StructureDefinition profile = server.client().read().resource(StructureDefinition.class)
                .withId("peer-support-referral").execute();
        assertEquals("http://peerbridge.org/fhir/StructureDefinition/peer-support-referral", profile.getUrl());
        Bundle byUrl = server.client().search().byUrl("StructureDefinition?url=" + profile.getUrl()).returnBundle(Bundle.class).execute();
        assertEquals(1, byUrl.getTotal());
        HttpResponse<String> write = server.send("PUT", "/StructureDefinition/peer-support-referral", "application/fhir+json",
                server.fhir().newJsonParser().encodeResourceToString(profile));
        assertEquals(405, write.statusCode());
        String supported = server.client().capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute()
                .getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("ServiceRequest")).findFirst().orElseThrow()
                .getSupportedProfile().get(0).getValue();
        assertEquals(profile.getUrl(), supported);
    }

    @Test
    void everyProfileViolationIsReportedAtItsElementAndNothingIsStored() {
        ServiceRequest referral = new ServiceRequest();
        referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        referral.setCode(new CodeableConcept(new Coding(Referrals.SNOMED, "3457005", "Patient referral")));
        int before = countReferrals();
        try {
            server.client().create().resource(referral).execute();
            throw new AssertionError("an invalid referral was accepted");
        } catch (UnprocessableEntityException expected) {
            OperationOutcome outcome = (OperationOutcome) expected.getOperationOutcome();
            Set<String> where = expressions(outcome);
            assertTrue(where.containsAll(Set.of("ServiceRequest.subject", "ServiceRequest.requester",
                    "ServiceRequest.authoredOn", "ServiceRequest.identifier", "ServiceRequest.code")), where.toString());
            assertTrue(outcome.getIssue().stream().anyMatch(i -> i.getCode() == OperationOutcome.IssueType.CODEINVALID));
            assertTrue(outcome.getIssue().stream().allMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR));
        }
        assertEquals(before, countReferrals());
    }

    @Test
    void violationsInsideABundleAreLocatedAtTheEntry() {
        Bundle bundle = Referrals.minimalBundle(Referrals.unique(), Referrals.unique());
        ((ServiceRequest) bundle.getEntry().get(2).getResource()).setAuthoredOn(null);
        try {
            server.client().transaction().withBundle(bundle).execute();
            throw new AssertionError("accepted a referral without authoredOn");
        } catch (UnprocessableEntityException expected) {
            assertEquals(Set.of("Bundle.entry[2].resource.authoredOn"), expressions((OperationOutcome) expected.getOperationOutcome()));
        }
    }

    @Test
    void validateOperationAppliesTheSameRules() {
        ServiceRequest valid = Referrals.serviceRequest(Referrals.unique(), "Patient/anyone", "Practitioner/anyone");
        MethodOutcome ok = server.client().validate().resource(valid).execute();
        assertTrue(((OperationOutcome) ok.getOperationOutcome()).getIssue().stream()
                .noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR));

        ServiceRequest invalid = valid.copy();
        invalid.setSubject(null);
        HttpResponse<String> answer = server.send("POST", "/ServiceRequest/$validate", "application/fhir+json",
                server.fhir().newJsonParser().encodeResourceToString(new Parameters().addParameter(
                        new Parameters.ParametersParameterComponent().setName("resource").setResource(invalid))));
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertTrue(expressions(outcome).contains("ServiceRequest.subject"), answer.body());
    }

    @Test
    void validateChecksAgainstANamedProfileAndRefusesOneItDoesNotKnow() {
        Organization organization = new Organization().setName("Profiled");
        HttpResponse<String> core = validate("/Organization/$validate", organization, null, "http://hl7.org/fhir/StructureDefinition/Organization");
        assertEquals(200, core.statusCode(), core.body());
        assertTrue(errors(core).isEmpty(), core.body());

        HttpResponse<String> referralProfile = validate("/Organization/$validate", organization, null,
                "http://peerbridge.org/fhir/StructureDefinition/peer-support-referral");
        assertEquals(200, referralProfile.statusCode(), referralProfile.body());
        assertFalse(errors(referralProfile).isEmpty(), "an Organization is no referral: " + referralProfile.body());

        HttpResponse<String> unknown = validate("/Organization/$validate", organization, null, "http://example.org/StructureDefinition/nothing");
        assertEquals(400, unknown.statusCode(), unknown.body());
        OperationOutcome refusal = parse(unknown);
        assertEquals("http.profile", refusal.getIssueFirstRep().getLocation().get(0).getValue());
        assertTrue(refusal.getIssueFirstRep().getDiagnostics().contains("http://example.org/StructureDefinition/nothing"));
    }

    @Test
    void validateForUpdateNeedsAStoredResource() {
        Organization stored = (Organization) server.client().create().resource(new Organization().setName("To update")).execute().getResource();
        String id = stored.getIdElement().getIdPart();
        Organization next = new Organization().setName("Updated");
        next.setId(id);
        HttpResponse<String> ok = validate("/Organization/" + id + "/$validate", next, "update", null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(errors(ok).isEmpty(), ok.body());

        Organization nowhere = new Organization().setName("Nowhere");
        nowhere.setId("no-such-organization");
        assertEquals(404, validate("/Organization/no-such-organization/$validate", nowhere, "update", null).statusCode());
        HttpResponse<String> withoutId = validate("/Organization/$validate", new Organization().setName("No id"), "update", null);
        assertEquals(400, withoutId.statusCode(), withoutId.body());
        assertEquals("http.mode", parse(withoutId).getIssueFirstRep().getLocation().get(0).getValue());
    }

    @Test
    void validateForDeleteSaysWhetherTheDeleteWouldBeAllowedAndDeletesNothing() {
        Bundle referral = server.client().transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
        String patient = referral.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", "");
        HttpResponse<String> refused = validate("/" + patient + "/$validate", null, "delete", null);
        assertEquals(200, refused.statusCode(), refused.body());
        server.client().read().resource(Patient.class).withId(patient).execute();
        assertTrue(parse(refused).getIssue().stream().anyMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                && i.getCode() == OperationOutcome.IssueType.CONFLICT && i.getDiagnostics().contains("still referenced by ")), refused.body());

        String free = server.client().create().resource(new Organization().setName("Free")).execute().getId().getIdPart();
        HttpResponse<String> allowed = validate("/Organization/" + free + "/$validate", null, "delete", null);
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertTrue(errors(allowed).isEmpty(), allowed.body());
        assertEquals("Free", server.client().read().resource(Organization.class).withId(free).execute().getName(), "nothing was deleted");

        assertEquals(404, validate("/Organization/no-such-organization/$validate", null, "delete", null).statusCode());
        HttpResponse<String> withProfile = validate("/Organization/" + free + "/$validate", null, "delete",
                "http://hl7.org/fhir/StructureDefinition/Organization");
        assertEquals(400, withProfile.statusCode(), withProfile.body());
    }

    @Test
    void jsonTypeMistakesTheParserForgivesAreStillRefused() {
        HttpResponse<String> answer = server.send("POST", "/Organization", "application/fhir+json",
                "{\"resourceType\": \"Organization\", \"name\": 42}");
        assertEquals(422, answer.statusCode(), answer.body());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertTrue(expressions(outcome).stream().anyMatch(e -> e.startsWith("Organization.name")), answer.body());
    }

    /** POST [path] with the Parameters of $validate: the resource, mode and profile, each when given. */
    private static HttpResponse<String> validate(String path, Resource resource, String mode, String profile) {
        Parameters parameters = new Parameters();
        if (resource != null) {
            parameters.addParameter().setName("resource").setResource(resource);
        }
        if (mode != null) {
            parameters.addParameter().setName("mode").setValue(new CodeType(mode));
        }
        if (profile != null) {
            parameters.addParameter().setName("profile").setValue(new UriType(profile));
        }
        return server.send("POST", path, "application/fhir+json", server.fhir().newJsonParser().encodeResourceToString(parameters));
    }

    private static OperationOutcome parse(HttpResponse<String> answer) {
        return server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> errors(HttpResponse<String> answer) {
        return parse(answer).getIssue().stream().filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR).toList();
    }

    private static Set<String> expressions(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .flatMap(i -> i.getExpression().stream()).map(e -> e.getValue()).collect(Collectors.toSet());
    }

    private static int countReferrals() {
        return server.client().search().forResource(ServiceRequest.class).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class).execute().getTotal();
    }
}
