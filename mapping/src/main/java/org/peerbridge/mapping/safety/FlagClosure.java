package org.peerbridge.mapping.safety;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * How staff close a safety Flag: status inactive with a closure reason, and nothing else changed.
 * A closed Flag stays closed; a new report raises a new Flag. Every change is a new version, so the
 * history shows who closed it, when and why.
 */
public final class FlagClosure {

    private FlagClosure() {
    }

    public static boolean isSafetyFlag(Flag flag) {
        return flag.hasCode() && flag.getCode().hasCoding(SafetyCodes.SAFETY_ALERT_SYSTEM, SafetyCodes.SELF_HARM_REPORTED);
    }

    public static List<RuleViolation> checkChange(Flag before, Flag after) {
        List<RuleViolation> violations = new ArrayList<>();
        if (before.getStatus() == Flag.FlagStatus.INACTIVE && after.getStatus() == Flag.FlagStatus.ACTIVE) {
            violations.add(RuleViolation.conflict("Flag.status",
                    "A closed safety Flag cannot be reopened; a new report raises a new Flag"));
        }
        if (before.getStatus() == Flag.FlagStatus.ACTIVE && after.getStatus() == Flag.FlagStatus.INACTIVE && reason(after).isBlank()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Flag.extension",
                    "Closing a safety Flag needs a reason: extension " + SafetyCodes.FLAG_CLOSURE_REASON_EXTENSION + " (valueString)"));
        }
        if (!sameAlert(before, after)) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Flag",
                    "Only status, period.end and the closure reason of a safety Flag can change"));
        }
        return violations;
    }

    /** Fills in when the Flag was closed, if the client did not say. */
    public static void stampClosure(Flag before, Flag after, java.util.Date now) {
        if (before.getStatus() == Flag.FlagStatus.ACTIVE && after.getStatus() == Flag.FlagStatus.INACTIVE && !after.getPeriod().hasEnd()) {
            after.getPeriod().setEnd(now);
        }
    }

    private static String reason(Flag flag) {
        var extension = flag.getExtensionByUrl(SafetyCodes.FLAG_CLOSURE_REASON_EXTENSION);
        return extension != null && extension.getValue() instanceof StringType text && text.hasValue() ? text.getValue().trim() : "";
    }

    private static boolean sameAlert(Flag before, Flag after) {
        return before.getCode().equalsDeep(after.getCode()) && before.getSubject().equalsDeep(after.getSubject())
                && before.getCategory().size() == after.getCategory().size()
                && before.getPeriod().getStartElement().equalsDeep(after.getPeriod().getStartElement())
                && before.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION) != null
                && after.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION) != null
                && before.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION).equalsDeep(after.getExtensionByUrl(SafetyCodes.FLAG_DETAIL_EXTENSION));
    }
}
