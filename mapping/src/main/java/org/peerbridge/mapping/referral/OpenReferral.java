package org.peerbridge.mapping.referral;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Whether the program works on a referral, so that what it records (sessions, outcome questionnaires)
 * may be tied to it: its fulfilment Task exists and is in one of the statuses the caller allows.
 */
public final class OpenReferral {

    private OpenReferral() {
    }

    /**
     * @param fulfilmentTask the referral's Task; null when it has none
     * @param open the Task statuses in which {@code recorded} may be recorded
     * @param recorded what is being recorded, plural, e.g. "sessions"
     * @param basedOn where the record names the referral, e.g. {@code Encounter.basedOn[0]}
     */
    public static Optional<RuleViolation> check(Task fulfilmentTask, Set<TaskStatus> open, String recorded, String basedOn) {
        if (fulfilmentTask == null) {
            return Optional.of(RuleViolation.invalid(IssueType.BUSINESSRULE, basedOn,
                    "The referral has no fulfilment Task, so the program has not accepted it"));
        }
        if (open.contains(fulfilmentTask.getStatus())) {
            return Optional.empty();
        }
        String status = fulfilmentTask.hasStatus() ? fulfilmentTask.getStatus().toCode() : "(none)";
        return Optional.of(RuleViolation.invalid(IssueType.BUSINESSRULE, basedOn, "The referral's Task is '" + status + "'; "
                + recorded + " are recorded while it is " + list(open)
                + (TaskStatus.REQUESTED.toCode().equals(status) ? " (accept the referral first)" : "")));
    }

    /** 'a', 'b' or 'c', in the statuses' declaration order. */
    private static String list(Set<TaskStatus> statuses) {
        List<String> quoted = statuses.stream().sorted().map(s -> "'" + s.toCode() + "'").collect(Collectors.toList());
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }
}
