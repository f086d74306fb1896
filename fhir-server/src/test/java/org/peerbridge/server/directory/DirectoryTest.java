package org.peerbridge.server.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.ServerTest;

/**
 * The program directory: the shipped bundle loads with the one documented request, every directory
 * search the issue names finds the right entries, and peer support entries meet the directory rules.
 */
class DirectoryTest extends ServerTest {

    private static final String INTAKE = "http://peerbridge.org/fhir/CodeSystem/referral-intake";
    private static final String SERVICES = "http://peerbridge.org/fhir/CodeSystem/peer-support-service";
    private static final String PEER_SPECIALIST = "http://nucc.org/provider-taxonomy|175T00000X";

    @BeforeEach
    void loadTheDirectory() throws IOException {
        // The request docs/sessions.md documents: curl -X POST $BASE --data-binary @directory-bundle.json
        HttpResponse<String> answer = server.send("POST", "", "application/fhir+json", Files.readString(directoryBundle()));
        assertEquals(200, answer.statusCode(), answer.body());
        Bundle response = server.fhir().newJsonParser().parseResource(Bundle.class, answer.body());
        assertEquals(14, response.getEntry().size());
        assertTrue(response.getEntry().stream().allMatch(e -> e.getResponse().getStatus().matches("20[01] .*")),
                "created the first time, updated after");
    }

    @Test
    void loadingTwiceKeepsOneCopyOfEachEntry() throws IOException {
        server.send("POST", "", "application/fhir+json", Files.readString(directoryBundle()));
        assertEquals(5, search("HealthcareService?organization=Organization/peerbridge-program").getTotal());
        assertEquals(3, search("PractitionerRole?organization=Organization/peerbridge-program&role=" + PEER_SPECIALIST).getTotal());
        assertEquals("PeerBridge peer support program",
                server.client().read().resource(org.hl7.fhir.r4.model.Organization.class).withId("peerbridge-program").execute().getName());
    }

    @Test
    void ehrFindsServicesItCanReferTo() {
        assertEquals(Set.of("peer-support-in-person", "peer-support-phone", "peer-support-group", "peer-support-digital"),
                ids("HealthcareService?active=true&characteristic=" + INTAKE + "|accepting-new-referrals"));
        assertEquals(Set.of("peer-support-group"), ids("HealthcareService?service-type=" + SERVICES + "|group"));
        assertEquals(Set.of("peer-support-group"), ids("HealthcareService?service-type=http://terminology.hl7.org/CodeSystem/service-type|224"));
        assertEquals(Set.of("peer-support-phone", "peer-support-video"), ids("HealthcareService?name=Individual%20peer%20support%20by"));
        assertEquals(Set.of("peer-support-group"), ids("HealthcareService?location=Location/peerbridge-eastside"));
        assertEquals(5, search("HealthcareService?organization=Organization/peerbridge-program&active=true").getTotal());
        assertEquals(0, search("HealthcareService?active=false").getTotal());
    }

    @Test
    void ehrFindsPeerSupporters() {
        assertEquals(Set.of("peer-role-alex-rivera", "peer-role-jordan-kim"),
                ids("PractitionerRole?role=" + PEER_SPECIALIST + "&active=true&organization=Organization/peerbridge-program"));
        assertEquals(Set.of("peer-role-sam-okafor"), ids("PractitionerRole?practitioner=Practitioner/peer-sam-okafor"));
        assertEquals(Set.of("peer-role-sam-okafor"), ids("PractitionerRole?role=" + PEER_SPECIALIST + "&active=false"));
        assertEquals(Set.of("peer-jordan-kim"), ids("Practitioner?name=jordan"));
        String npi = server.client().read().resource(org.hl7.fhir.r4.model.Practitioner.class).withId("peer-alex-rivera").execute()
                .getIdentifierFirstRep().getValue();
        assertEquals(Set.of("peer-alex-rivera"), ids("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|" + npi));

        Bundle withPeople = search("PractitionerRole?role=" + PEER_SPECIALIST + "&active=true&_include=PractitionerRole:practitioner");
        assertEquals(Set.of("peer-alex-rivera", "peer-jordan-kim"), withPeople.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE).map(e -> e.getResource().getIdElement().getIdPart())
                .collect(Collectors.toSet()));
    }

    @Test
    void referralNamesTheServiceAsPerformer() {
        Bundle bundle = Referrals.minimalBundle(Referrals.unique(), Referrals.unique());
        ((ServiceRequest) bundle.getEntry().get(2).getResource()).addPerformer(new Reference("HealthcareService/peer-support-group"));
        Bundle response = server.client().transaction().withBundle(bundle).execute();
        String referral = response.getEntry().get(2).getResponse().getLocation().replaceFirst("/_history/.*", "");
        Bundle found = search("ServiceRequest?performer=HealthcareService/peer-support-group&_include=ServiceRequest:performer");
        assertTrue(found.getEntry().stream().anyMatch(e -> referral.equals(e.getResource().getIdElement().toUnqualifiedVersionless().getValue())));
        assertTrue(found.getEntry().stream().anyMatch(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE
                && e.getResource() instanceof HealthcareService));
    }

    @Test
    void peerSupporterRoleMustSayWhetherItIsActiveAndWhoHoldsIt() {
        PractitionerRole role = new PractitionerRole();
        role.addCode().addCoding(new Coding("http://nucc.org/provider-taxonomy", "175T00000X", "Peer Specialist"));
        assertEquals(List.of("required @ PractitionerRole.active", "required @ PractitionerRole.practitioner",
                "required @ PractitionerRole.organization"),
                Refusals.issues(Refusals.refused(422, () -> server.client().create().resource(role).execute())));
        assertEquals(3, search("PractitionerRole?role=" + PEER_SPECIALIST).getTotal(), "nothing stored");
    }

    @Test
    void directoryBundleWithABrokenEntryIsRefusedWhole() {
        PractitionerRole role = new PractitionerRole();
        role.setId("peer-role-new");
        role.setPractitioner(new Reference("Practitioner/peer-alex-rivera"));
        role.setOrganization(new Reference("Organization/peerbridge-program"));
        role.addCode().addCoding(new Coding("http://nucc.org/provider-taxonomy", "175T00000X", "Peer Specialist"));
        HealthcareService service = read("peer-support-phone");
        service.setName("Renamed");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setResource(service).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("HealthcareService/peer-support-phone");
        bundle.addEntry().setResource(role).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("PractitionerRole/peer-role-new");
        assertEquals(List.of("required @ Bundle.entry[1].resource.active"),
                Refusals.issues(Refusals.refused(422, () -> server.client().transaction().withBundle(bundle).execute())));
        assertEquals("Individual peer support by phone", read("peer-support-phone").getName(), "the valid entry is not stored either");
    }

    @Test
    void otherRolesKeepTheBaseRules() {
        PractitionerRole psychiatrist = new PractitionerRole();
        psychiatrist.addCode().addCoding(new Coding("http://nucc.org/provider-taxonomy", "2084P0800X", "Psychiatry"));
        assertEquals(Boolean.TRUE, server.client().create().resource(psychiatrist).execute().getCreated());
    }

    @Test
    void deactivatingAServiceThatStillTakesReferralsIsRefused() {
        HealthcareService service = read("peer-support-phone");
        service.setActive(false);
        assertEquals(List.of("business-rule @ HealthcareService.active"),
                Refusals.issues(Refusals.refused(422, () -> server.client().update().resource(service).execute())));
        assertTrue(read("peer-support-phone").getActive(), "unchanged");

        service.getCharacteristic().stream().flatMap(c -> c.getCoding().stream()).filter(c -> INTAKE.equals(c.getSystem()))
                .forEach(c -> c.setCode("not-accepting-new-referrals").setDisplay("Not accepting new referrals"));
        server.client().update().resource(service).execute();
        assertEquals(0, search("HealthcareService?_id=peer-support-phone&active=true").getTotal());
    }

    @Test
    void serviceMustStateItsDeliveryModeAndIntake() {
        HealthcareService service = read("peer-support-digital");
        service.setId("peer-support-new");
        service.getCharacteristic().clear();
        assertEquals(List.of("required @ HealthcareService.characteristic"),
                Refusals.issues(Refusals.refused(422, () -> server.client().update().resource(service).execute())).stream()
                        .distinct().toList());
        assertEquals(0, search("HealthcareService?_id=peer-support-new").getTotal(), "nothing stored");
    }

    private static HealthcareService read(String id) {
        return server.client().read().resource(HealthcareService.class).withId(id).execute();
    }

    private static Path directoryBundle() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.resolveSibling("fixtures").resolve("examples/directory/directory-bundle.json");
    }

    private static Set<String> ids(String url) {
        return search(url).getEntry().stream().filter(e -> e.getSearch().getMode() != SearchEntryMode.INCLUDE)
                .map(Bundle.BundleEntryComponent::getResource).map(Resource::getIdElement).map(id -> id.getIdPart())
                .collect(Collectors.toSet());
    }

    private static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
