package org.peerbridge.mapping.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.codes.CodedValue;
import org.peerbridge.mapping.examples.ExampleFiles;
import org.peerbridge.mapping.examples.R4Validation;
import org.peerbridge.mapping.rules.RuleViolation;

/** fixtures/examples/directory: the complete program directory a fresh server loads with one request. */
class DirectoryExamplesTest {

    private static Bundle bundle;
    private static Map<String, Resource> byReference;

    @BeforeAll
    static void load() {
        List<Path> files = ExampleFiles.jsonFiles("directory");
        assertEquals(List.of("directory/directory-bundle.json"), files.stream().map(ExampleFiles::name).toList());
        bundle = ExampleFiles.parse(files.get(0), Bundle.class);
        byReference = bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .collect(Collectors.toMap(r -> r.fhirType() + "/" + r.getIdElement().getIdPart(), Function.identity()));
    }

    @Test
    void everyFileIsValidR4() {
        for (Path file : ExampleFiles.jsonFiles("directory")) {
            Bundle parsed = ExampleFiles.parse(file, Bundle.class);
            assertEquals(List.of(), R4Validation.errors(parsed), ExampleFiles.name(file));
        }
    }

    @Test
    void itIsATransactionOfPutsWithFixedIdsSoLoadingItTwiceChangesNothing() {
        assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
        Set<String> urls = new HashSet<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            assertEquals(HTTPVerb.PUT, entry.getRequest().getMethod());
            assertEquals(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), entry.getRequest().getUrl());
            assertTrue(urls.add(entry.getRequest().getUrl()), "unique: " + entry.getRequest().getUrl());
        }
        assertTrue(urls.contains("Organization/peerbridge-program"), "the program Organization the server creates at start-up");
    }

    @Test
    void itHasTheWholeDirectory() {
        Map<String, Long> counts = bundle.getEntry().stream().collect(Collectors.groupingBy(e -> e.getResource().fhirType(), Collectors.counting()));
        assertEquals(Map.of("Organization", 1L, "Location", 2L, "HealthcareService", 5L, "Practitioner", 3L, "PractitionerRole", 3L), counts);
        Set<PeerSupportService> offered = resources(HealthcareService.class).stream().flatMap(s -> s.getType().stream())
                .flatMap(t -> t.getCoding().stream()).filter(c -> PeerSupportService.SYSTEM.equals(c.getSystem()))
                .map(c -> CodedValue.fromCode(PeerSupportService.class, c.getCode()).orElseThrow()).collect(Collectors.toSet());
        assertEquals(Set.of(PeerSupportService.values()), offered, "every catalogue service is offered");
    }

    @Test
    void everyReferenceResolvesInsideTheBundle() {
        for (BundleEntryComponent entry : bundle.getEntry()) {
            for (Reference reference : references(entry.getResource())) {
                assertTrue(byReference.containsKey(reference.getReference()),
                        entry.getRequest().getUrl() + " refers to " + reference.getReference() + ", which the bundle does not carry");
            }
        }
    }

    @Test
    void servicesAndPeerSupportersMeetTheDirectoryRules() {
        for (HealthcareService service : resources(HealthcareService.class)) {
            assertTrue(DirectoryRules.isPeerSupportService(service));
            assertEquals(List.<RuleViolation>of(), DirectoryRules.checkPeerSupportService(service), service.getName());
            assertTrue(service.getCommunication().size() >= 1 && service.hasEligibility() && service.hasAvailableTime()
                    && service.hasTelecom() && service.hasAppointmentRequiredElement(), service.getName() + " is complete");
        }
        List<PractitionerRole> roles = resources(PractitionerRole.class);
        for (PractitionerRole role : roles) {
            assertTrue(DirectoryRules.isPeerSupporterRole(role));
            assertEquals(List.<RuleViolation>of(), DirectoryRules.checkPeerSupporterRole(role), role.getId());
        }
        assertEquals(2, roles.stream().filter(DirectoryRules::isActivePeerSupporter).count(), "two active, one inactive");
        long accepting = resources(HealthcareService.class).stream().filter(ReferralAvailability::acceptsNewReferrals).count();
        assertEquals(4, accepting, "one service is full");
    }

    @Test
    void peerSupportersHaveAnNpiAndLanguages() {
        for (Practitioner practitioner : resources(Practitioner.class)) {
            assertTrue(practitioner.getIdentifier().stream().anyMatch(i -> DirectoryCodes.US_NPI.equals(i.getSystem())
                    && i.getValue().matches("9\\d{9}")), "made-up NPI-like identifier that can't be a real NPI (they start with 1 or 2)");
            assertTrue(practitioner.hasCommunication());
        }
    }

    private static <T extends Resource> List<T> resources(Class<T> type) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Reference> references(Resource resource) {
        return ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)
                .stream().filter(Reference::hasReference).toList();
    }
}
