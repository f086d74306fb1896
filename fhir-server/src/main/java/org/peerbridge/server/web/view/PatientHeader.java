package org.peerbridge.server.web.view;

import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Who the page is about, as the referrer knows them: name, birth date, and the referrer's identifiers of patient and referral. */
public record PatientHeader(String name, String birthDate, String gender, List<String> patientIdentifiers, List<String> referralIdentifiers) {

    public static PatientHeader of(Patient patient, ServiceRequest referral) {
        return new PatientHeader(name(patient), patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "unknown",
                patient.hasGender() ? patient.getGender().getDisplay() : "unknown",
                patient.getIdentifier().stream().map(PatientHeader::identifier).toList(),
                referral.getIdentifier().stream().map(PatientHeader::identifier).toList());
    }

    /** A person's name for people: the first name's text, else given and family names; "(no name)" without one. */
    public static String name(Patient patient) {
        if (!patient.hasName()) {
            return "(no name)";
        }
        HumanName name = patient.getNameFirstRep();
        if (name.hasText()) {
            return name.getText();
        }
        String given = String.join(" ", name.getGiven().stream().map(g -> g.getValue()).toList());
        return (given + " " + (name.hasFamily() ? name.getFamily() : "")).trim();
    }

    private static String identifier(Identifier identifier) {
        String type = identifier.hasType() && identifier.getType().hasText() ? identifier.getType().getText() + " " : "";
        return type + identifier.getValue() + (identifier.hasSystem() ? " (" + identifier.getSystem() + ")" : "");
    }
}
