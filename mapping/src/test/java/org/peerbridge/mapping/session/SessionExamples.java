package org.peerbridge.mapping.session;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.codes.CodeSystems;
import org.peerbridge.mapping.directory.DirectoryCodes;
import org.peerbridge.mapping.directory.PeerSupportService;
import org.peerbridge.mapping.referral.BusinessStatus;

/** Small valid sessions and the context a server would look up for them; tests break one thing at a time. */
final class SessionExamples {

    static final String PROGRAM = "Organization/peerbridge-program";
    static final String REFERRAL = "ServiceRequest/sr-1";
    static final String PATIENT = "Patient/p-1";
    static final String SUPPORTER = "PractitionerRole/peer-1";
    static final String GROUP = "Encounter/group-1";

    private SessionExamples() {
    }

    /** An attended individual session, 15:00 to 15:50 with 45 minutes of contact. */
    static Encounter attendedIndividual() {
        Encounter encounter = new Encounter();
        encounter.setStatus(EncounterStatus.FINISHED);
        encounter.setClass_(SessionClass.AMBULATORY.toCoding());
        encounter.addType(SessionType.INDIVIDUAL.toCodeableConcept());
        encounter.setServiceType(PeerSupportService.INDIVIDUAL_IN_PERSON.toCodeableConcept());
        encounter.setSubject(new Reference(PATIENT));
        encounter.addBasedOn(new Reference(REFERRAL));
        encounter.addParticipant().setIndividual(new Reference(SUPPORTER));
        encounter.setPeriod(period("2025-06-10T15:00:00Z", "2025-06-10T15:50:00Z"));
        encounter.setLength(minutes(45));
        encounter.setServiceProvider(new Reference(PROGRAM));
        return encounter;
    }

    static Encounter plannedIndividual() {
        Encounter encounter = attendedIndividual();
        encounter.setStatus(EncounterStatus.PLANNED);
        encounter.setLength(null);
        return encounter;
    }

    /** The program-level group Encounter: no referral, no patient. */
    static Encounter groupSession() {
        Encounter group = attendedIndividual();
        group.getType().clear();
        group.addType(SessionType.GROUP.toCodeableConcept());
        group.setServiceType(PeerSupportService.GROUP.toCodeableConcept());
        group.getBasedOn().clear();
        group.setSubject(null);
        group.setPeriod(period("2025-06-12T18:00:00Z", "2025-06-12T19:30:00Z"));
        group.setLength(null);
        group.setId(GROUP);
        return group;
    }

    /** One attendee's Encounter in {@link #groupSession()}. */
    static Encounter groupAttendee() {
        Encounter attendee = groupSession();
        attendee.setId((String) null);
        attendee.addBasedOn(new Reference(REFERRAL));
        attendee.setSubject(new Reference(PATIENT));
        attendee.setPartOf(new Reference(GROUP));
        attendee.setLength(minutes(90));
        return attendee;
    }

    static SessionContext context() {
        return contextWith(task(TaskStatus.ACCEPTED), List.of(peerRole(true)));
    }

    static SessionContext contextWith(Task task, List<PractitionerRole> roles) {
        return SessionContext.builder().referral(referral()).fulfilmentTask(task).supporterRoles(roles)
                .groupSession(groupSession()).programOrganization(PROGRAM).build();
    }

    static ServiceRequest referral() {
        ServiceRequest referral = new ServiceRequest();
        referral.setId(REFERRAL);
        referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        referral.setSubject(new Reference(PATIENT));
        return referral;
    }

    static Task task(TaskStatus status) {
        Task task = new Task();
        task.setId("Task/t-1");
        task.setStatus(status);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setFocus(new Reference(REFERRAL));
        task.setFor(new Reference(PATIENT));
        task.setBusinessStatus(BusinessStatus.ACCEPTED.toCodeableConcept());
        if (status == TaskStatus.ONHOLD) {
            task.getStatusReason().setText("Patient in hospital for two weeks");
        }
        return task;
    }

    static PractitionerRole peerRole(boolean active) {
        PractitionerRole role = new PractitionerRole();
        role.setId(SUPPORTER);
        role.setActive(active);
        role.addCode(DirectoryCodes.peerSpecialist());
        role.setPractitioner(new Reference("Practitioner/pr-1"));
        role.setOrganization(new Reference(PROGRAM));
        return role;
    }

    static Period period(String start, String end) {
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return period;
    }

    static Duration minutes(double value) {
        Duration duration = new Duration();
        duration.setValue(BigDecimal.valueOf(value)).setUnit("min").setSystem(CodeSystems.UCUM).setCode("min");
        return duration;
    }
}
