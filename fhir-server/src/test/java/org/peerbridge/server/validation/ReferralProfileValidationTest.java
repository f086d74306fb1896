package org.peerbridge.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** Every ServiceRequest is held to the published peer support referral profile, on create and in $validate. */
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
    void jsonTypeMistakesTheParserForgivesAreStillRefused() {
        HttpResponse<String> answer = server.send("POST", "/Organization", "application/fhir+json",
                "{\"resourceType\": \"Organization\", \"name\": 42}");
        assertEquals(422, answer.statusCode(), answer.body());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertTrue(expressions(outcome).stream().anyMatch(e -> e.startsWith("Organization.name")), answer.body());
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
