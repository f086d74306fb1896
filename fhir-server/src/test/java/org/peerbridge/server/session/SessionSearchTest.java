package org.peerbridge.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.session.SessionClass;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/** Every session search the issue names, answered from the index; and the CapabilityStatement says so. */
class SessionSearchTest extends ServerTest {

    private static final String ATTENDANCE = "http://peerbridge.org/fhir/CodeSystem/peer-session-attendance";
    private static final String SESSION_TYPE = "http://peerbridge.org/fhir/CodeSystem/peer-session-type";

    private Referrals.Sent referral;
    private Sessions.Supporter supporter;
    private Encounter june10;
    private Encounter june17;
    private Encounter june19NoShow;
    private Encounter july1Planned;

    /** One referral's course: attended 10 and 17 June (the second by video), a no-show on 19 June, one booked for 1 July. */
    @BeforeEach
    void courseOfSessions() {
        referral = Sessions.acceptedReferral(server.client());
        supporter = Sessions.peerSupporter(server.client(), true);
        june10 = Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        Encounter byVideo = Sessions.attended(referral, supporter.practitioner());
        byVideo.setClass_(SessionClass.VIRTUAL.toCoding());
        byVideo.setPeriod(Sessions.period("2025-06-17T15:00:00Z", "2025-06-17T15:40:00Z"));
        byVideo.setLength(Sessions.minutes(40));
        june17 = Sessions.record(server.client(), byVideo);
        Encounter noShow = Sessions.noShow(referral, supporter.role());
        noShow.setPeriod(Sessions.period("2025-06-19T16:00:00Z", "2025-06-19T17:00:00Z"));
        june19NoShow = Sessions.record(server.client(), noShow);
        Encounter planned = Sessions.planned(referral, supporter.role());
        planned.setPeriod(Sessions.period("2025-07-01T15:00:00Z", "2025-07-01T16:00:00Z"));
        july1Planned = Sessions.record(server.client(), planned);
    }

    @Test
    void byPatientAndByReferralSortedByDate() {
        assertEquals(List.of(june10, june17, june19NoShow, july1Planned).stream().map(Sessions::reference).toList(),
                matches("Encounter?patient=" + referral.patientReference() + "&_sort=date"));
        assertEquals(List.of(july1Planned, june19NoShow, june17, june10).stream().map(Sessions::reference).toList(),
                matches("Encounter?based-on=" + referral.requestReference() + "&_sort=-date"));
    }

    @Test
    void byDateRange() {
        assertEquals(List.of(Sessions.reference(june17), Sessions.reference(june19NoShow)),
                matches("Encounter?based-on=" + referral.requestReference() + "&date=ge2025-06-11&date=lt2025-06-30&_sort=date"));
        assertEquals(List.of(Sessions.reference(june10)),
                matches("Encounter?based-on=" + referral.requestReference() + "&date=2025-06-10"));
    }

    @Test
    void byStatusClassTypeAndParticipant() {
        String mine = "Encounter?based-on=" + referral.requestReference();
        assertEquals(Set.of(Sessions.reference(june10), Sessions.reference(june17)), Set.copyOf(matches(mine + "&status=finished")));
        assertEquals(List.of(Sessions.reference(june17)), matches(mine + "&class=http://terminology.hl7.org/CodeSystem/v3-ActCode|VR"));
        assertEquals(4, search(mine + "&type=" + SESSION_TYPE + "|individual").getTotal());
        assertEquals(0, search(mine + "&type=" + SESSION_TYPE + "|group").getTotal());
        assertEquals(3, search("Encounter?participant=" + supporter.role()).getTotal());
        assertEquals(List.of(Sessions.reference(june17)), matches("Encounter?participant=" + supporter.practitioner()));
    }

    @Test
    void noShowsAreFoundByReasonCode() {
        assertEquals(List.of(Sessions.reference(june19NoShow)), matches("Encounter?based-on=" + referral.requestReference()
                + "&status=cancelled&reason-code=" + ATTENDANCE + "|no-show"));
        assertEquals(1, search("Encounter?patient=" + referral.patientReference() + "&reason-code=no-show").getTotal());
    }

    @Test
    void byGroupSession() {
        Encounter group = Sessions.record(server.client(), Sessions.groupSession(supporter.role()));
        Encounter attendee = Sessions.record(server.client(),
                Sessions.attendee(Sessions.acceptedReferral(server.client()), supporter.role(), Sessions.reference(group), 80));
        assertEquals(List.of(Sessions.reference(attendee)), matches("Encounter?part-of=" + Sessions.reference(group)));
        assertEquals(1, search("Encounter?participant=" + supporter.role() + "&type=" + SESSION_TYPE + "|group&part-of:missing=true")
                .getTotal(), "the group Encounter itself");
    }

    @Test
    void includeBringsThePeerSupporter() {
        Bundle found = search("Encounter?based-on=" + referral.requestReference() + "&status=finished&_include=Encounter:participant");
        assertEquals(2, found.getTotal(), "total counts matches only");
        Set<String> included = found.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
                .map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue()).collect(Collectors.toSet());
        assertEquals(Set.of(supporter.role(), supporter.practitioner()), included);
    }

    @Test
    void revIncludeFromTheReferralBringsItsSessions() {
        Bundle found = search("ServiceRequest?_id=" + referral.request().getIdElement().getIdPart() + "&_revinclude=Encounter:based-on");
        assertEquals(1, found.getTotal());
        assertEquals(referral.requestReference(), reference(found.getEntry().get(0).getResource()));
        Set<String> sessions = found.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
                .map(e -> reference(e.getResource())).collect(Collectors.toSet());
        assertEquals(Set.of(june10, june17, june19NoShow, july1Planned).stream().map(Sessions::reference).collect(Collectors.toSet()), sessions);
    }

    @Test
    void activityIsFoundByReferralPatientAndDate() {
        assertEquals(2, search("Procedure?based-on=" + referral.requestReference()).getTotal());
        assertEquals(1, search("Procedure?patient=" + referral.patientReference() + "&date=ge2025-06-15").getTotal());
        assertEquals(2, search("Procedure?based-on=" + referral.requestReference()
                + "&code=https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets|H0038").getTotal());
    }

    @Test
    void capabilityStatementAdvertisesTheSessionSearches() {
        CapabilityStatement capabilities = server.client().capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatementRestResourceComponent encounter = resource(capabilities, "Encounter");
        Set<String> params = encounter.getSearchParam().stream().map(p -> p.getName()).collect(Collectors.toSet());
        assertTrue(params.containsAll(Set.of("patient", "based-on", "date", "participant", "status", "class", "type", "part-of",
                "reason-code")), params.toString());
        assertTrue(encounter.getSearchInclude().stream().anyMatch(s -> s.getValue().equals("Encounter:participant")));
        assertTrue(resource(capabilities, "ServiceRequest").getSearchRevInclude().stream()
                .anyMatch(s -> s.getValue().equals("Encounter:based-on")));
        assertTrue(encounter.getUpdateCreate(), "PUT with a new id creates: how the directory loads");
        assertFalse(resource(capabilities, "StructureDefinition").getUpdateCreate(), "read-only");
    }

    @Test
    void cancelledSessionsOfTheDayWithoutNoShows() {
        Encounter calledOff = Sessions.planned(referral, supporter.role());
        calledOff.setStatus(EncounterStatus.CANCELLED);
        Sessions.record(server.client(), calledOff);
        assertEquals(2, search("Encounter?based-on=" + referral.requestReference() + "&status=cancelled").getTotal());
        assertEquals(1, search("Encounter?based-on=" + referral.requestReference() + "&status=cancelled&reason-code:not="
                + ATTENDANCE + "|no-show").getTotal());
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement capabilities, String type) {
        return capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    private static List<String> matches(String url) {
        return search(url).getEntry().stream().filter(e -> e.getSearch().getMode() != SearchEntryMode.INCLUDE)
                .map(e -> reference(e.getResource())).toList();
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
