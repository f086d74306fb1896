package org.peerbridge.server.web.view;

import java.util.List;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.peerbridge.mapping.report.ProgressNarrative;

/** Who the page is about, as the referrer knows them: name, birth date, and the referrer's identifiers of patient and referral. */
public record PatientHeader(String name, String birthDate, String gender, List<String> patientIdentifiers, List<String> referralIdentifiers) {

    public static PatientHeader of(Patient patient, ServiceRequest referral) {
        return new PatientHeader(ProgressNarrative.patientName(patient), patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "unknown",
                patient.hasGender() ? patient.getGender().getDisplay() : "unknown",
                patient.getIdentifier().stream().map(PatientHeader::identifier).toList(),
                referral.getIdentifier().stream().map(PatientHeader::identifier).toList());
    }

    private static String identifier(Identifier identifier) {
        String type = identifier.hasType() && identifier.getType().hasText() ? identifier.getType().getText() + " " : "";
        return type + identifier.getValue() + (identifier.hasSystem() ? " (" + identifier.getSystem() + ")" : "");
    }
}
