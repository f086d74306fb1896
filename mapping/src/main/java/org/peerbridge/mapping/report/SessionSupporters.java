package org.peerbridge.mapping.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;

/**
 * Who supported each session: the name of the Practitioner behind the session's participant, which is a
 * PractitionerRole (a peer supporter's role in the program directory) or the Practitioner itself. Built
 * from the PractitionerRoles and Practitioners of a {@link ReferralCourse}; a participant not among them
 * (not visible to the caller, or deleted) has no name.
 */
public final class SessionSupporters {

    private final Map<String, String> names = new HashMap<>();

    private SessionSupporters() {
    }

    public static SessionSupporters of(List<Resource> supporters) {
        SessionSupporters found = new SessionSupporters();
        Map<String, String> practitionerNames = new HashMap<>();
        supporters.stream().filter(Practitioner.class::isInstance).map(Practitioner.class::cast)
                .forEach(p -> practitionerNames.put("Practitioner/" + p.getIdElement().getIdPart(), ProgressNarrative.personName(p.getName(), "")));
        found.names.putAll(practitionerNames);
        supporters.stream().filter(PractitionerRole.class::isInstance).map(PractitionerRole.class::cast)
                .filter(role -> practitionerNames.containsKey(practitioner(role)))
                .forEach(role -> found.names.put("PractitionerRole/" + role.getIdElement().getIdPart(), practitionerNames.get(practitioner(role))));
        return found;
    }

    /** The name of the session's first named participant, or "" when none is known. */
    public String of(Encounter session) {
        return session.getParticipant().stream().filter(Encounter.EncounterParticipantComponent::hasIndividual)
                .map(p -> names.getOrDefault(p.getIndividual().getReference(), "")).filter(name -> !name.isEmpty())
                .findFirst().orElse("");
    }

    /** The ids ("PractitionerRole/x", "Practitioner/y") the sessions name as participants, to load. */
    public static List<String> participants(List<Encounter> sessions) {
        return sessions.stream().flatMap(s -> s.getParticipant().stream()).map(p -> p.getIndividual().getReference())
                .filter(ref -> ref != null && (ref.startsWith("PractitionerRole/") || ref.startsWith("Practitioner/")))
                .distinct().toList();
    }

    private static String practitioner(PractitionerRole role) {
        return "Practitioner/" + role.getPractitioner().getReferenceElement().getIdPart();
    }
}
