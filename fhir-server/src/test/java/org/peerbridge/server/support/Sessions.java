package org.peerbridge.server.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.peerbridge.mapping.directory.DirectoryCodes;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.session.ActivityProcedureFactory;
import org.peerbridge.mapping.session.NoShow;
import org.peerbridge.mapping.session.SessionClass;
import org.peerbridge.mapping.session.SessionType;

/**
 * Peer sessions as a program's scheduling system records them, and what they need first: a peer
 * supporter in the directory and a referral the program has accepted. Every call makes fresh identifiers.
 */
public final class Sessions {

    public static final String PROGRAM = "Organization/peerbridge-program";
    public static final String SESSION_ID_SYSTEM = "http://peerbridge.example.org/fhir/sid/session-id";
    public static final String BSER = "http://hl7.org/fhir/us/bser/CodeSystem/TaskBusinessStatusCS";

    private Sessions() {
    }

    /** A peer supporter in the directory: the Practitioner and their Peer Specialist role at the program. */
    public record Supporter(String practitioner, String role) { }

    public static Supporter peerSupporter(IGenericClient client, boolean active) {
        Practitioner person = new Practitioner();
        person.addIdentifier().setSystem(DirectoryCodes.US_NPI).setValue("9" + Referrals.unique());
        person.addName(new HumanName().setFamily("Supporter").addGiven("Robin"));
        String practitioner = created(client, person);
        PractitionerRole role = new PractitionerRole();
        role.setActive(active);
        role.setPractitioner(new Reference(practitioner));
        role.setOrganization(new Reference(PROGRAM));
        role.addCode(DirectoryCodes.peerSpecialist());
        return new Supporter(practitioner, created(client, role));
    }

    /** A new referral whose fulfilment Task the program has accepted. */
    public static Referrals.Sent acceptedReferral(IGenericClient client) {
        return accept(client, Referrals.send(client));
    }

    /** The referral, once {@code program} has accepted its fulfilment Task. */
    public static Referrals.Sent accept(IGenericClient program, Referrals.Sent sent) {
        Task accepted = sent.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        return new Referrals.Sent(sent.request(), (Task) program.update().resource(accepted).execute().getResource());
    }

    /** An attended individual session in person: 15:00 to 15:50 with 45 minutes of contact (3 units). */
    public static Encounter attended(Referrals.Sent referral, String supporter) {
        Encounter session = finishedWith(supporter, SessionType.INDIVIDUAL, PeerSupportService.INDIVIDUAL_IN_PERSON);
        session.setSubject(new Reference(referral.patientReference()));
        session.addBasedOn(new Reference(referral.requestReference()));
        session.setPeriod(period("2025-06-10T15:00:00Z", "2025-06-10T15:50:00Z"));
        session.setLength(minutes(45));
        return session;
    }

    /** The same session, booked and not yet held. */
    public static Encounter planned(Referrals.Sent referral, String supporter) {
        Encounter session = attended(referral, supporter);
        session.setStatus(EncounterStatus.PLANNED);
        session.setLength(null);
        return session;
    }

    /** The same session, booked and not attended. */
    public static Encounter noShow(Referrals.Sent referral, String supporter) {
        Encounter session = planned(referral, supporter);
        session.setStatus(EncounterStatus.CANCELLED);
        session.addReasonCode(NoShow.reasonCode());
        return session;
    }

    /** The program-level group Encounter, 18:00 to 19:30: no referral, no patient. */
    public static Encounter groupSession(String facilitator) {
        Encounter group = finishedWith(facilitator, SessionType.GROUP, PeerSupportService.GROUP);
        group.setPeriod(period("2025-06-12T18:00:00Z", "2025-06-12T19:30:00Z"));
        return group;
    }

    /** One attendee's own Encounter in the group session {@code group} ("Encounter/id"). */
    public static Encounter attendee(Referrals.Sent referral, String facilitator, String group, int minutesAttended) {
        Encounter attendee = groupSession(facilitator);
        attendee.setSubject(new Reference(referral.patientReference()));
        attendee.addBasedOn(new Reference(referral.requestReference()));
        attendee.setPartOf(new Reference(group));
        attendee.setLength(minutes(minutesAttended));
        return attendee;
    }

    private static Encounter finishedWith(String supporter, SessionType type, PeerSupportService service) {
        Encounter session = new Encounter();
        session.addIdentifier().setSystem(SESSION_ID_SYSTEM).setValue("S-" + Referrals.unique());
        session.setStatus(EncounterStatus.FINISHED);
        session.setClass_(SessionClass.AMBULATORY.toCoding());
        session.addType(type.toCodeableConcept());
        session.setServiceType(service.toCodeableConcept());
        session.addParticipant().addType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer")))
                .setIndividual(new Reference(supporter));
        session.setServiceProvider(new Reference(PROGRAM));
        return session;
    }

    public static Period period(String start, String end) {
        Period period = new Period().setStartElement(new DateTimeType(start));
        return end == null ? period : period.setEndElement(new DateTimeType(end));
    }

    public static Duration minutes(int value) {
        Duration length = new Duration();
        length.setValue(BigDecimal.valueOf(value)).setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
        return length;
    }

    /** Creates the Encounter and returns it as stored. */
    public static Encounter record(IGenericClient client, Encounter session) {
        return (Encounter) client.create().resource(session).execute().getResource();
    }

    public static String reference(Encounter stored) {
        return "Encounter/" + stored.getIdElement().getIdPart();
    }

    /** The referral's fulfilment Task as it is now. */
    public static Task task(IGenericClient client, Referrals.Sent referral) {
        return client.read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
    }

    /** The H0038 Procedures of a session. */
    public static Bundle activitiesOf(IGenericClient client, Encounter stored) {
        return client.search().byUrl("Procedure?encounter=" + reference(stored)).returnBundle(Bundle.class).execute();
    }

    public static int units(Procedure procedure) {
        return ActivityProcedureFactory.billingUnits(procedure).orElseThrow();
    }

    private static String created(IGenericClient client, org.hl7.fhir.r4.model.Resource resource) {
        return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
    }
}
