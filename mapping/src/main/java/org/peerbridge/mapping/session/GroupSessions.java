package org.peerbridge.mapping.session;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Group sessions: one program-level group Encounter (type group, no basedOn, no patient), and for each
 * attendee their own Encounter (type group, basedOn their referral, subject them) partOf it. Attendance,
 * the Task effects and the billed activity are per attendee Encounter, so each referral sees its own.
 */
public final class GroupSessions {

    private GroupSessions() {
    }

    /** The group Encounter itself: group type, neither part of another Encounter nor tied to a referral. */
    public static boolean isGroupSession(Encounter encounter) {
        return SessionType.isGroup(encounter) && !encounter.hasPartOf() && !encounter.hasBasedOn();
    }

    /** One attendee's Encounter: group type and not the group Encounter itself. */
    public static boolean isAttendee(Encounter encounter) {
        return SessionType.isGroup(encounter) && !isGroupSession(encounter);
    }

    /** Rules for the group Encounter: it is the program's, so it carries no patient and no no-show. */
    public static List<RuleViolation> checkGroupSession(Encounter group) {
        List<RuleViolation> violations = new ArrayList<>();
        if ("Patient".equals(ReferenceTargets.type(group.getSubject()))) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.subject",
                    "The group Encounter records the session, not one attendee: leave subject empty (or a Group) and give each "
                            + "attendee their own Encounter partOf this one"));
        }
        for (int i = 0; i < group.getReasonCode().size(); i++) {
            if (NoShow.isNoShowCode(group.getReasonCode().get(i))) {
                violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.reasonCode[" + i + "]",
                        "A no-show is recorded on the attendee's own Encounter, not on the group Encounter"));
            }
        }
        return violations;
    }

    /**
     * Rules for an attendee's Encounter (group type, basedOn a referral) against the group Encounter that
     * {@code partOf} names (null when it names none or it was not found).
     */
    public static List<RuleViolation> checkAttendee(Encounter attendee, Encounter group) {
        List<RuleViolation> violations = new ArrayList<>();
        if (!attendee.hasPartOf()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.partOf",
                    "An attendee's group session Encounter is partOf the group Encounter"));
            return violations;
        }
        String target = ReferenceTargets.target(attendee.getPartOf());
        if (!"Encounter".equals(ReferenceTargets.type(attendee.getPartOf()))) {
            violations.add(RuleViolation.invalid(IssueType.INVALID, "Encounter.partOf", "partOf names the group Encounter as Encounter/<id>"));
        } else if (group == null) {
            violations.add(RuleViolation.invalid(IssueType.NOTFOUND, "Encounter.partOf", target + " is not an Encounter on this server"));
        } else if (!isGroupSession(group)) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.partOf",
                    target + " is not a group peer session (type group, without basedOn or partOf)"));
        } else if (group.getStatus() == EncounterStatus.CANCELLED && attendee.getStatus() == EncounterStatus.FINISHED) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.status",
                    "The group session " + target + " was cancelled, so no one attended it"));
        }
        return violations;
    }

    /** Rule for an individual session: partOf is for group attendees only. */
    public static List<RuleViolation> checkIndividual(Encounter individual) {
        if (individual.hasPartOf()) {
            return List.of(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.partOf",
                    "An individual session is not part of another Encounter; group attendees use type group"));
        }
        return List.of();
    }
}
