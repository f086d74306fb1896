package org.peerbridge.mapping.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.rules.RuleViolation;

class DirectoryRulesTest {

    static PractitionerRole peerRole() {
        PractitionerRole role = new PractitionerRole();
        role.setActive(true);
        role.addCode(DirectoryCodes.peerSpecialist());
        role.setPractitioner(new Reference("Practitioner/pr-1"));
        role.setOrganization(new Reference("Organization/peerbridge-program"));
        return role;
    }

    static HealthcareService service() {
        HealthcareService service = new HealthcareService();
        service.setActive(true);
        service.setName("Individual peer support by phone");
        service.setProvidedBy(new Reference("Organization/peerbridge-program"));
        service.addCategory(DirectoryCodes.mentalHealthCategory());
        service.addType(PeerSupportService.INDIVIDUAL_PHONE.toCodeableConcept());
        service.addCharacteristic(DeliveryMode.PHONE.toCodeableConcept());
        service.addCharacteristic(ReferralAvailability.ACCEPTING.toCodeableConcept());
        return service;
    }

    @Test
    void aPeerSupporterIsAnActiveRoleCodedPeerSpecialist() {
        assertTrue(DirectoryRules.isActivePeerSupporter(peerRole()));
        assertFalse(DirectoryRules.isActivePeerSupporter(peerRole().setActive(false)));
        PractitionerRole unstated = peerRole();
        unstated.setActiveElement(null);
        assertFalse(DirectoryRules.isActivePeerSupporter(unstated), "active must be stated");
        PractitionerRole psychiatrist = peerRole();
        psychiatrist.setCode(List.of(new CodeableConcept(new Coding(CodeSystems.NUCC_PROVIDER_TAXONOMY, "2084P0800X", "Psychiatry"))));
        assertFalse(DirectoryRules.isPeerSupporterRole(psychiatrist));
        PractitionerRole otherSystem = peerRole();
        otherSystem.setCode(List.of(new CodeableConcept(new Coding("http://example.org/roles", DirectoryCodes.PEER_SPECIALIST, null))));
        assertFalse(DirectoryRules.isPeerSupporterRole(otherSystem));
    }

    @Test
    void validEntriesPass() {
        assertEquals(List.of(), DirectoryRules.checkPeerSupporterRole(peerRole()));
        assertEquals(List.of(), DirectoryRules.checkPeerSupportService(service()));
        assertTrue(DirectoryRules.isPeerSupportService(service()));
    }

    static Stream<Arguments> brokenRoles() {
        return Stream.of(
                Arguments.of("active unstated", (Consumer<PractitionerRole>) r -> r.setActiveElement(null), "PractitionerRole.active", IssueType.REQUIRED),
                Arguments.of("no practitioner", (Consumer<PractitionerRole>) r -> r.setPractitioner(null), "PractitionerRole.practitioner", IssueType.REQUIRED),
                Arguments.of("no organization", (Consumer<PractitionerRole>) r -> r.setOrganization(null), "PractitionerRole.organization", IssueType.REQUIRED),
                Arguments.of("period backwards", (Consumer<PractitionerRole>) r -> r.setPeriod(new Period()
                        .setStartElement(new DateTimeType("2025-01-01")).setEndElement(new DateTimeType("2024-01-01"))),
                        "PractitionerRole.period.end", IssueType.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRoles")
    void peerSupporterRoleRules(String name, Consumer<PractitionerRole> breakIt, String expression, IssueType code) {
        PractitionerRole role = peerRole();
        breakIt.accept(role);

        RuleViolation violation = only(DirectoryRules.checkPeerSupporterRole(role));

        assertEquals(expression, violation.expression());
        assertEquals(code, violation.code());
    }

    static Stream<Arguments> brokenServices() {
        return Stream.of(
                Arguments.of("no name", (Consumer<HealthcareService>) s -> s.setName(null), "HealthcareService.name", IssueType.REQUIRED),
                Arguments.of("active unstated", (Consumer<HealthcareService>) s -> s.setActiveElement(null), "HealthcareService.active", IssueType.REQUIRED),
                Arguments.of("no provider", (Consumer<HealthcareService>) s -> s.setProvidedBy(null), "HealthcareService.providedBy", IssueType.REQUIRED),
                Arguments.of("unknown service", (Consumer<HealthcareService>) s -> s.getTypeFirstRep().getCodingFirstRep().setCode("yoga"),
                        "HealthcareService.type[0].coding[0]", IssueType.CODEINVALID),
                Arguments.of("unknown delivery mode", (Consumer<HealthcareService>) s -> s.getCharacteristic().add(0,
                        new CodeableConcept(new Coding(DeliveryMode.SYSTEM, "carrier-pigeon", null))),
                        "HealthcareService.characteristic[0].coding[0]", IssueType.CODEINVALID),
                Arguments.of("no delivery mode", (Consumer<HealthcareService>) s -> s.getCharacteristic().remove(0),
                        "HealthcareService.characteristic", IssueType.REQUIRED),
                Arguments.of("availability unstated", (Consumer<HealthcareService>) s -> s.getCharacteristic().remove(1),
                        "HealthcareService.characteristic", IssueType.REQUIRED),
                Arguments.of("both availabilities", (Consumer<HealthcareService>) s -> s.addCharacteristic(ReferralAvailability.NOT_ACCEPTING.toCodeableConcept()),
                        "HealthcareService.characteristic", IssueType.BUSINESSRULE),
                Arguments.of("inactive but accepting", (Consumer<HealthcareService>) s -> s.setActive(false),
                        "HealthcareService.active", IssueType.BUSINESSRULE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenServices")
    void peerSupportServiceRules(String name, Consumer<HealthcareService> breakIt, String expression, IssueType code) {
        HealthcareService service = service();
        breakIt.accept(service);

        RuleViolation violation = only(DirectoryRules.checkPeerSupportService(service));

        assertEquals(expression, violation.expression());
        assertEquals(code, violation.code());
    }

    @Test
    void onlyAnActiveServiceThatSaysSoAcceptsNewReferrals() {
        assertTrue(ReferralAvailability.acceptsNewReferrals(service()));
        HealthcareService full = service();
        full.getCharacteristic().set(1, ReferralAvailability.NOT_ACCEPTING.toCodeableConcept());
        assertFalse(ReferralAvailability.acceptsNewReferrals(full));
        HealthcareService closed = service();
        closed.getCharacteristic().set(1, ReferralAvailability.NOT_ACCEPTING.toCodeableConcept());
        closed.setActive(false);
        assertFalse(ReferralAvailability.acceptsNewReferrals(closed));
        assertEquals(List.of(), DirectoryRules.checkPeerSupportService(closed), "an inactive service that says it is not accepting is fine");
    }

    @Test
    void otherServicesAreNotTheProgramsCatalogue() {
        HealthcareService clinic = new HealthcareService();
        clinic.addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/service-type", "224", "Support Groups")));
        assertFalse(DirectoryRules.isPeerSupportService(clinic));
    }

    private static RuleViolation only(List<RuleViolation> violations) {
        assertEquals(1, violations.size(), () -> "expected one violation, got " + violations);
        return violations.get(0);
    }
}
