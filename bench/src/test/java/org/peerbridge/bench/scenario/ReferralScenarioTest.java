package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/** The generator must send what the issue describes, and valid R4: a 422 under load is then the server's. */
class ReferralScenarioTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final ReferralScenario scenario = new ReferralScenario("run42");

    @Test
    void requestIsATransactionPostedToTheBaseUrl() {
        BenchRequest request = scenario.next(0);
        assertEquals("POST", request.method());
        assertEquals("", request.path());
        assertEquals("application/fhir+json", request.contentType());
    }

    @Test
    void bundleIsAReferralWithConditionalPatientCreateAndUrnUuidReferences() {
        Instant before = Instant.now().minusSeconds(1);
        Bundle bundle = parse(scenario.next(7));
        assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
        assertEquals(3, bundle.getEntry().size());
        for (BundleEntryComponent e : bundle.getEntry()) {
            assertTrue(e.getFullUrl().matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), e.getFullUrl());
            assertEquals(HTTPVerb.POST, e.getRequest().getMethod());
        }

        BundleEntryComponent patientEntry = bundle.getEntry().get(0);
        Patient patient = (Patient) patientEntry.getResource();
        assertEquals("Patient", patientEntry.getRequest().getUrl());
        assertEquals(ReferralScenario.SSN_SYSTEM, patient.getIdentifierFirstRep().getSystem());
        assertEquals("run42-7", patient.getIdentifierFirstRep().getValue());
        assertEquals("identifier=urn:oid:2.16.840.1.113883.4.1|run42-7", patientEntry.getRequest().getIfNoneExist());

        BundleEntryComponent practitionerEntry = bundle.getEntry().get(1);
        Practitioner practitioner = (Practitioner) practitionerEntry.getResource();
        assertEquals("Practitioner", practitionerEntry.getRequest().getUrl());
        assertTrue(practitioner.getIdentifierFirstRep().getValue().matches("1\\d{9}"));

        BundleEntryComponent srEntry = bundle.getEntry().get(2);
        ServiceRequest sr = (ServiceRequest) srEntry.getResource();
        assertEquals("ServiceRequest", srEntry.getRequest().getUrl());
        assertEquals(ReferralScenario.REFERRAL_SYSTEM, sr.getIdentifierFirstRep().getSystem());
        assertEquals("PB-run42-7", sr.getIdentifierFirstRep().getValue());
        assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, sr.getStatus());
        assertEquals(ServiceRequest.ServiceRequestIntent.ORDER, sr.getIntent());
        assertEquals("http://snomed.info/sct", sr.getCode().getCodingFirstRep().getSystem());
        assertEquals("461481000124109", sr.getCode().getCodingFirstRep().getCode());
        assertEquals("Referral to peer support service", sr.getCode().getCodingFirstRep().getDisplay());
        assertEquals(patientEntry.getFullUrl(), sr.getSubject().getReference());
        assertEquals(practitionerEntry.getFullUrl(), sr.getRequester().getReference());
        Instant authored = sr.getAuthoredOn().toInstant();
        assertFalse(authored.isBefore(before));
        assertTrue(Duration.between(authored, Instant.now()).getSeconds() < 60);
    }

    @Test
    void everyRequestOfARunIsADifferentPatientAndReferral() {
        Set<String> seen = new HashSet<>();
        for (long seq = 0; seq < 200; seq++) {
            Bundle bundle = parse(scenario.next(seq));
            for (BundleEntryComponent e : bundle.getEntry()) {
                assertTrue(seen.add(e.getFullUrl()), "duplicate fullUrl " + e.getFullUrl());
            }
            assertTrue(seen.add("ssn|" + ((Patient) bundle.getEntry().get(0).getResource()).getIdentifierFirstRep().getValue()));
            assertTrue(seen.add("ref|" + ((ServiceRequest) bundle.getEntry().get(2).getResource()).getIdentifierFirstRep().getValue()));
        }
        Bundle otherRun = parse(new ReferralScenario("run43").next(0));
        assertNotEquals("run42-0", ((Patient) otherRun.getEntry().get(0).getResource()).getIdentifierFirstRep().getValue());
    }

    @Test
    void bundleIsValidAgainstBaseR4() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR));
        FhirValidator validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));
        for (long seq : new long[] {0, 1, 5, 12_345}) {
            ValidationResult result = validator.validateWithResult(scenario.next(seq).bodyText());
            List<SingleValidationMessage> errors = result.getMessages().stream()
                    .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                    .collect(Collectors.toList());
            assertTrue(errors.isEmpty(), () -> errors.stream()
                    .map(m -> m.getLocationString() + ": " + m.getMessage()).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void npiHasAValidCheckDigit() {
        assertEquals("1234567893", ReferralScenario.withNpiCheckDigit("123456789"));
        assertTrue(ReferralScenario.npi(42).matches("1\\d{9}"));
    }

    @Test
    void aTwoHundredMustBeATransactionResponse() {
        byte[] good = "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
        assertNull(scenario.checkSuccess(200, good));
        assertEquals("2xx-not-transaction-response", scenario.checkSuccess(200, bad));
        assertEquals("2xx-not-transaction-response", scenario.checkSuccess(200, new byte[0]));
    }

    private static Bundle parse(BenchRequest request) {
        return FHIR.newJsonParser().parseResource(Bundle.class, request.bodyText());
    }
}
