package org.peerbridge.mapping.report;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.safety.FlagClosure;
import org.peerbridge.mapping.safety.SafetyCodes;

/** The safety Flags raised by one referral's responses (their flag-detail points at one of them), open and closed. */
public record ReportedFlags(List<Flag> open, List<Flag> closed) {

    public static ReportedFlags of(List<Flag> patientFlags, List<QuestionnaireResponse> responses) {
        Set<String> responseReferences = responses.stream()
                .map(r -> "QuestionnaireResponse/" + r.getIdElement().getIdPart()).collect(Collectors.toSet());
        List<Flag> ofReferral = patientFlags.stream().filter(FlagClosure::isSafetyFlag)
                .filter(f -> responseReferences.contains(detail(f))).toList();
        return new ReportedFlags(ofReferral.stream().filter(f -> f.getStatus() == Flag.FlagStatus.ACTIVE).toList(),
                ofReferral.stream().filter(f -> f.getStatus() != Flag.FlagStatus.ACTIVE).toList());
    }

    /** Why staff closed the Flag, if they said. */
    public static String closureReason(Flag flag) {
        Extension reason = flag.getExtensionByUrl(SafetyCodes.FLAG_CLOSURE_REASON_EXTENSION);
        return reason == null || reason.getValue() == null ? "" : reason.getValue().primitiveValue();
    }

    /** The response that raised the Flag, "QuestionnaireResponse/id" (empty when it names none). */
    public static String detail(Flag flag) {
        Extension detail = flag.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION);
        return detail != null && detail.getValue() instanceof Reference ref ? ref.getReference() : "";
    }
}
