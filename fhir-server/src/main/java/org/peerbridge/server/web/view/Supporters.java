package org.peerbridge.server.web.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.search.StoredSearch;

/** The names of the peer supporters of some sessions (their PractitionerRole's Practitioner), found by search as the caller may see them. */
public final class Supporters {

    private final StoredSearch search;

    public Supporters(StoredSearch search) {
        this.search = search;
    }

    /** Participant reference ("PractitionerRole/x" or "Practitioner/y") to a name for people. */
    public Map<String, String> names(Connection c, List<Encounter> sessions) throws SQLException {
        Set<String> roles = new LinkedHashSet<>();
        Set<String> practitioners = new LinkedHashSet<>();
        sessions.forEach(s -> s.getParticipant().forEach(p -> {
            String ref = p.getIndividual().getReference();
            if (ref != null && ref.startsWith("PractitionerRole/")) {
                roles.add(ref.substring("PractitionerRole/".length()));
            } else if (ref != null && ref.startsWith("Practitioner/")) {
                practitioners.add(ref.substring("Practitioner/".length()));
            }
        }));
        Map<String, String> names = new HashMap<>();
        Map<String, String> practitionerOfRole = new HashMap<>();
        if (!roles.isEmpty()) {
            for (Resource found : search.find(c, "PractitionerRole", "_id=" + String.join(",", roles) + "&_count=1000")) {
                PractitionerRole role = (PractitionerRole) found;
                String practitioner = role.getPractitioner().getReferenceElement().getIdPart();
                if (practitioner != null) {
                    practitionerOfRole.put(role.getIdElement().getIdPart(), practitioner);
                    practitioners.add(practitioner);
                }
            }
        }
        Map<String, String> practitionerNames = new HashMap<>();
        if (!practitioners.isEmpty()) {
            for (Resource found : search.find(c, "Practitioner", "_id=" + String.join(",", practitioners) + "&_count=1000")) {
                practitionerNames.put(found.getIdElement().getIdPart(), name((Practitioner) found));
            }
        }
        practitionerNames.forEach((id, name) -> names.put("Practitioner/" + id, name));
        practitionerOfRole.forEach((role, practitioner) -> names.put("PractitionerRole/" + role, practitionerNames.getOrDefault(practitioner, "")));
        return names;
    }

    private static String name(Practitioner practitioner) {
        if (!practitioner.hasName()) {
            return "";
        }
        HumanName name = practitioner.getNameFirstRep();
        return name.hasText() ? name.getText() : name.getNameAsSingleString();
    }
}
