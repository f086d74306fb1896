package org.peerbridge.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerbridge.mapping.session.NoShow;
import org.peerbridge.mapping.session.SessionType;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Refusals;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/**
 * Every session rule over HTTP: each broken Encounter gets its status and exactly its located issues,
 * nothing is stored, and the referral's Task does not change.
 */
class InvalidSessionsTest extends ServerTest {

    /** What the broken sessions are built from, set up once per server. */
    record World(Referrals.Sent referral, Referrals.Sent requested, String otherPatient, Sessions.Supporter supporter,
                 String inactiveRole, String clinicianRole, String practitionerWithoutRole, String otherOrganization,
                 String individualSession, String cancelledGroup) { }

    private static World world;
    private static RunningServer worldServer;

    static Stream<Arguments> brokenSessions() {
        return Stream.of(
                refused("no referral", (w, e) -> without(e, x -> x.getBasedOn().clear()), 422, "required @ Encounter.basedOn"),
                refused("basedOn is not a ServiceRequest", (w, e) -> {
                    e.getBasedOnFirstRep().setReference(w.referral().patientReference());
                    return e;
                }, 422, "invalid @ Encounter.basedOn[0]"),
                refused("two referrals", (w, e) -> {
                    e.addBasedOn(new Reference(w.requested().requestReference()));
                    return e;
                }, 422, "business-rule @ Encounter.basedOn[1]"),
                refused("the referral does not exist", (w, e) -> {
                    e.getBasedOnFirstRep().setReference("ServiceRequest/no-such-referral");
                    return e;
                }, 422, "not-found @ Encounter.basedOn[0]"),
                refused("the referral is not accepted yet", (w, e) -> {
                    e.getBasedOnFirstRep().setReference(w.requested().requestReference());
                    e.getSubject().setReference(w.requested().patientReference());
                    return e;
                }, 422, "business-rule @ Encounter.basedOn[0]"),
                refused("no subject", (w, e) -> without(e, x -> x.setSubject(null)), 422, "required @ Encounter.subject"),
                refused("someone else's session", (w, e) -> {
                    e.getSubject().setReference(w.otherPatient());
                    return e;
                }, 422, "business-rule @ Encounter.subject"),
                refused("no peer supporter", (w, e) -> without(e, x -> x.getParticipant().clear()), 422, "required @ Encounter.participant"),
                refused("inactive peer supporter", (w, e) -> supporter(e, w.inactiveRole()), 422,
                        "business-rule @ Encounter.participant[0].individual"),
                refused("a clinician, not a peer supporter", (w, e) -> supporter(e, w.clinicianRole()), 422,
                        "business-rule @ Encounter.participant[0].individual"),
                refused("a practitioner without a role", (w, e) -> supporter(e, w.practitionerWithoutRole()), 422,
                        "business-rule @ Encounter.participant[0].individual"),
                refused("inpatient class", (w, e) -> {
                    e.getClass_().setCode("IMP").setDisplay("inpatient encounter");
                    return e;
                }, 422, "code-invalid @ Encounter.class"),
                refused("no session type", (w, e) -> without(e, x -> x.getType().clear()), 422, "required @ Encounter.type"),
                refused("individual and group at once", (w, e) -> {
                    e.addType(SessionType.GROUP.toCodeableConcept());
                    return e;
                }, 422, "business-rule @ Encounter.type", "required @ Encounter.partOf"),
                refused("a session type PeerBridge does not define", (w, e) -> {
                    e.getTypeFirstRep().getCodingFirstRep().setCode("family").setDisplay("Family session");
                    return e;
                }, 422, "code-invalid @ Encounter.type[0]"),
                refused("a service outside the catalogue", (w, e) -> {
                    e.getServiceType().getCodingFirstRep().setCode("sms").setDisplay("Text messages");
                    return e;
                }, 422, "code-invalid @ Encounter.serviceType"),
                refused("a status outside the session model", (w, e) -> {
                    e.setStatus(EncounterStatus.TRIAGED);
                    return e;
                }, 422, "code-invalid @ Encounter.status"),
                refused("no-show reason on an attended session", (w, e) -> {
                    e.addReasonCode(NoShow.reasonCode());
                    return e;
                }, 422, "business-rule @ Encounter.reasonCode[0]"),
                refused("ends before it starts", (w, e) -> {
                    e.setPeriod(Sessions.period("2025-06-10T15:00:00Z", "2025-06-10T14:10:00Z"));
                    e.setLength(null);
                    return e;
                }, 422, "invariant @ Encounter.period"),
                refused("length longer than the period", (w, e) -> {
                    e.setLength(Sessions.minutes(75));
                    return e;
                }, 422, "business-rule @ Encounter.length"),
                refused("length not in minutes", (w, e) -> {
                    e.getLength().setCode("h").setUnit("h").setValue(1);
                    return e;
                }, 422, "invalid @ Encounter.length"),
                refused("negative length", (w, e) -> {
                    e.setLength(Sessions.minutes(-5));
                    return e;
                }, 422, "invalid @ Encounter.length"),
                refused("attended, but when?", (w, e) -> {
                    e.setPeriod(new Period().setEndElement(new DateTimeType("2025-06-10T15:50:00Z")));
                    return e;
                }, 422, "required @ Encounter.period.start"),
                refused("attended, but for how long?", (w, e) -> {
                    e.setPeriod(Sessions.period("2025-06-10T15:00:00Z", null));
                    e.setLength(null);
                    return e;
                }, 422, "required @ Encounter.period.end"),
                refused("provided by another organisation", (w, e) -> {
                    e.getServiceProvider().setReference(w.otherOrganization());
                    return e;
                }, 422, "business-rule @ Encounter.serviceProvider"),
                refused("individual session part of another", (w, e) -> {
                    e.setPartOf(new Reference(w.individualSession()));
                    return e;
                }, 422, "business-rule @ Encounter.partOf"),
                refused("group attendee without the group", (w, e) -> attendee(e, null), 422, "required @ Encounter.partOf"),
                refused("group attendee of a group that does not exist", (w, e) -> attendee(e, "Encounter/no-such-group"), 422,
                        "not-found @ Encounter.partOf"),
                refused("group attendee of an individual session", (w, e) -> attendee(e, w.individualSession()), 422,
                        "business-rule @ Encounter.partOf"),
                refused("attended a cancelled group", (w, e) -> attendee(e, w.cancelledGroup()), 422, "business-rule @ Encounter.status"),
                refused("the group Encounter names a patient", (w, e) -> {
                    Encounter group = Sessions.groupSession(w.supporter().role());
                    group.setSubject(new Reference(w.referral().patientReference()));
                    return group;
                }, 422, "business-rule @ Encounter.subject"),
                refused("no-show on the group Encounter", (w, e) -> {
                    Encounter group = Sessions.groupSession(w.supporter().role());
                    group.setStatus(EncounterStatus.CANCELLED);
                    group.addReasonCode(NoShow.reasonCode());
                    return group;
                }, 422, "business-rule @ Encounter.reasonCode[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSessions")
    void brokenSessionIsRefusedAndChangesNothing(String name, BiFunction<World, Encounter, Encounter> breakIt, int status,
                                                 List<String> issues) {
        World w = world();
        String taskVersion = Sessions.task(server.client(), w.referral()).getMeta().getVersionId();
        Encounter broken = breakIt.apply(w, Sessions.attended(w.referral(), w.supporter().role()));

        assertEquals(issues, Refusals.issues(Refusals.refused(status, () -> server.client().create().resource(broken).execute())));
        assertEquals(0, search("Encounter?identifier=" + Sessions.SESSION_ID_SYSTEM + "|" + broken.getIdentifierFirstRep().getValue())
                .getTotal(), "nothing stored");
        assertEquals(taskVersion, Sessions.task(server.client(), w.referral()).getMeta().getVersionId(), "the Task is unchanged");
        assertEquals(0, search("Procedure?based-on=" + w.referral().requestReference()).getTotal(), "nothing billed");
    }

    @Test
    void brokenSessionInATransactionIsLocatedInItsEntry() {
        World w = world();
        Encounter broken = Sessions.attended(w.referral(), w.supporter().role());
        broken.getSubject().setReference(w.otherPatient());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Referrals.add(bundle, Sessions.planned(w.referral(), w.supporter().role()));
        Referrals.add(bundle, broken);

        assertEquals(List.of("business-rule @ Bundle.entry[1].resource.subject"), Refusals.issues(
                Refusals.refused(422, () -> server.client().transaction().withBundle(bundle).execute())));
        assertEquals(0, search("Encounter?based-on=" + w.referral().requestReference()).getTotal(), "neither entry stored");
    }

    private static synchronized World world() {
        if (worldServer != server) {
            world = buildWorld();
            worldServer = server;
        }
        return world;
    }

    private static World buildWorld() {
        var client = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(client, true);
        Referrals.Sent referral = Sessions.acceptedReferral(client);
        PractitionerRole clinician = new PractitionerRole();
        clinician.setActive(true);
        clinician.setPractitioner(new Reference(supporter.practitioner()));
        clinician.addCode().addCoding(new Coding("http://nucc.org/provider-taxonomy", "2084P0800X", "Psychiatry"));
        Organization elsewhere = new Organization();
        elsewhere.setName("Another program");
        Encounter individual = Sessions.record(client, Sessions.planned(Sessions.acceptedReferral(client), supporter.role()));
        Encounter cancelledGroup = Sessions.groupSession(supporter.role());
        cancelledGroup.setStatus(EncounterStatus.CANCELLED);
        return new World(referral, Referrals.send(client), Referrals.send(client).patientReference(), supporter,
                Sessions.peerSupporter(client, false).role(), created(clinician), created(Referrals.practitioner()),
                created(elsewhere), Sessions.reference(individual), Sessions.reference(Sessions.record(client, cancelledGroup)));
    }

    private static Arguments refused(String name, BiFunction<World, Encounter, Encounter> breakIt, int status, String... issues) {
        return Arguments.of(name, breakIt, status, List.of(issues));
    }

    private static Encounter without(Encounter encounter, Consumer<Encounter> removal) {
        removal.accept(encounter);
        return encounter;
    }

    private static Encounter supporter(Encounter encounter, String individual) {
        encounter.getParticipantFirstRep().getIndividual().setReference(individual);
        return encounter;
    }

    private static Encounter attendee(Encounter encounter, String group) {
        encounter.getType().clear();
        encounter.addType(SessionType.GROUP.toCodeableConcept());
        encounter.setPartOf(group == null ? null : new Reference(group));
        return encounter;
    }

    private static String created(org.hl7.fhir.r4.model.Resource resource) {
        return server.client().create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
    }

    private static Bundle search(String url) {
        return server.client().search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
