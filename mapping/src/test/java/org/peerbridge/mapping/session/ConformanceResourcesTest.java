package org.peerbridge.mapping.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.directory.DeliveryMode;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.directory.ReferralAvailability;

class ConformanceResourcesTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static FhirValidator validator;

    @BeforeAll
    static void validatorThatKnowsTheDefinitions() {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CTX);
        ConformanceResources.all().forEach(ours::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CTX), ours,
                new SnapshotGeneratingValidationSupport(CTX), new InMemoryTerminologyServerValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX));
        validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    @Test
    void everyProductCodeSystemIsDefinedFromTheEnums() {
        List<MetadataResource> resources = ConformanceResources.all();
        Set<String> urls = resources.stream().map(MetadataResource::getUrl).collect(Collectors.toSet());
        assertEquals(Set.of(SessionType.SYSTEM, SessionCodes.SESSION_ATTENDANCE_SYSTEM, PeerSupportService.SYSTEM, DeliveryMode.SYSTEM,
                ReferralAvailability.SYSTEM, SessionCodes.BILLING_UNITS_EXTENSION), urls);
        CodeSystem services = resources.stream().filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast)
                .filter(cs -> PeerSupportService.SYSTEM.equals(cs.getUrl())).findFirst().orElseThrow();
        assertEquals(PeerSupportService.values().length, services.getConcept().size());
        assertEquals("peer-support-service", services.getId());
        // The StructureDefinition is exercised by validating a Procedure that carries the extension (below); validating
        // the StructureDefinition itself trips a snapshot quirk of HAPI 8.8.1's validator ("package id hl7.fhir.r4.core#null").
        resources.stream().filter(CodeSystem.class::isInstance)
                .forEach(codeSystem -> assertEquals(List.of(), errors(codeSystem), codeSystem.getUrl() + " is valid R4"));
    }

    @Test
    void theSessionActivityValidatesWithItsExtensionAndCodesKnown() {
        Procedure procedure = ActivityProcedureFactory.forAttendedSession(SessionExamples.attendedIndividual(), "Encounter/e-1");

        List<SingleValidationMessage> messages = validator.validateWithResult(procedure).getMessages();

        assertEquals(List.of(), errors(procedure));
        // Without the definition the validator says "Unknown extension ..." (information); with it, nothing.
        assertTrue(messages.stream().noneMatch(m -> m.getMessage().contains(SessionCodes.BILLING_UNITS_EXTENSION)),
                () -> "the extension is known: " + messages);
    }

    @Test
    void aCodeTheSystemDoesNotDefineIsRefusedByTheValidator() {
        Encounter session = SessionExamples.attendedIndividual();
        assertTrue(errors(session).isEmpty(), () -> "valid session: " + errors(session));

        session.getTypeFirstRep().getCodingFirstRep().setCode("family");

        assertTrue(errors(session).stream().anyMatch(m -> m.getLocationString().startsWith("Encounter.type[0]")),
                () -> "unknown code refused: " + errors(session));
    }

    private static List<SingleValidationMessage> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    }
}
