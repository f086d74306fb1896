package org.peerbridge.mapping.session;

import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ARRIVED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.CANCELLED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Encounter.EncounterStatus.PLANNED;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Updates of a session Encounter: a session moves forward (planned, arrived, in-progress, then finished or
 * cancelled) and keeps its referral and patient. Finished and cancelled cannot be reopened because their
 * effects (the billed Procedure, the Task business status) have been reported; a session recorded by
 * mistake is marked entered-in-error from any status, which withdraws its Procedure, and is then final.
 * A session is never recorded as entered-in-error in the first place.
 */
public final class SessionLifecycle {

    private static final Map<EncounterStatus, Set<EncounterStatus>> NEXT = new EnumMap<>(EncounterStatus.class);

    static {
        NEXT.put(PLANNED, EnumSet.of(ARRIVED, INPROGRESS, FINISHED, CANCELLED, ENTEREDINERROR));
        NEXT.put(ARRIVED, EnumSet.of(INPROGRESS, FINISHED, CANCELLED, ENTEREDINERROR));
        NEXT.put(INPROGRESS, EnumSet.of(FINISHED, CANCELLED, ENTEREDINERROR));
        NEXT.put(FINISHED, EnumSet.of(ENTEREDINERROR));
        NEXT.put(CANCELLED, EnumSet.of(ENTEREDINERROR));
    }

    private SessionLifecycle() {
    }

    public static Set<EncounterStatus> allowedAfter(EncounterStatus from) {
        return NEXT.getOrDefault(from, EnumSet.noneOf(EncounterStatus.class));
    }

    /** Rules for a session Encounter that is new (on top of {@link SessionRules}). */
    public static List<RuleViolation> checkNew(Encounter session) {
        if (session.getStatus() == ENTEREDINERROR) {
            return List.of(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.status",
                    "A session is not recorded as entered-in-error; that status marks a recorded session as a mistake"));
        }
        return List.of();
    }

    /** Rules for replacing a stored session Encounter {@code before} by {@code after} (on top of {@link SessionRules}). */
    public static List<RuleViolation> checkChange(Encounter before, Encounter after) {
        List<RuleViolation> violations = new ArrayList<>();
        EncounterStatus from = before.getStatus();
        EncounterStatus to = after.getStatus();
        if (from != to && !allowedAfter(from).contains(to)) {
            violations.add(RuleViolation.conflict("Encounter.status", "A session cannot move from '" + code(from) + "' to '" + code(to) + "'"
                    + (allowedAfter(from).isEmpty() ? "; '" + code(from) + "' is final" : "")));
        }
        if (from == to && from == CANCELLED && NoShow.hasNoShowReason(before) != NoShow.hasNoShowReason(after)) {
            violations.add(RuleViolation.conflict("Encounter.reasonCode",
                    "A cancelled session cannot change between no-show and cancelled; its effect on the referral has been reported"));
        }
        requireUnchanged(violations, "Encounter.basedOn", ReferenceTargets.target(before.hasBasedOn() ? before.getBasedOn().get(0) : null),
                ReferenceTargets.target(after.hasBasedOn() ? after.getBasedOn().get(0) : null));
        requireUnchanged(violations, "Encounter.subject", ReferenceTargets.target(before.getSubject()), ReferenceTargets.target(after.getSubject()));
        requireUnchanged(violations, "Encounter.partOf", ReferenceTargets.target(before.getPartOf()), ReferenceTargets.target(after.getPartOf()));
        return violations;
    }

    private static void requireUnchanged(List<RuleViolation> violations, String expression, String before, String after) {
        if (!Objects.equals(before, after)) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, expression,
                    expression + " cannot change once the session is recorded; record a new session instead"));
        }
    }

    private static String code(EncounterStatus status) {
        return status == null ? "(none)" : status.toCode();
    }
}
