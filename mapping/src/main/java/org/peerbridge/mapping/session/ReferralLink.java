package org.peerbridge.mapping.session;

import static org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ONHOLD;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.peerbridge.mapping.referral.OpenReferral;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * A session's tie to its referral: basedOn exactly one ServiceRequest, whose fulfilment Task the program
 * has accepted and not closed, for the same patient. Applies to every session Encounter except the
 * program-level group Encounter ({@link GroupSessions#isGroupSession}).
 */
public final class ReferralLink {

    /** Task statuses in which the program is working on the referral, so sessions can be recorded. */
    public static final Set<TaskStatus> OPEN_FOR_SESSIONS = EnumSet.of(ACCEPTED, INPROGRESS, ONHOLD);

    private static final String BASED_ON = "Encounter.basedOn[0]";

    private ReferralLink() {
    }

    public static List<RuleViolation> check(Encounter encounter, SessionContext context) {
        List<RuleViolation> violations = new ArrayList<>();
        if (!checkBasedOn(encounter, violations)) {
            return violations;
        }
        if (context.referral() == null) {
            violations.add(RuleViolation.invalid(IssueType.NOTFOUND, BASED_ON,
                    ReferenceTargets.target(encounter.getBasedOnFirstRep()) + " is not a referral on this server"));
            return violations;
        }
        checkTask(context.fulfilmentTask(), violations);
        checkSubject(encounter, context.referral().getSubject(), violations);
        return violations;
    }

    private static boolean checkBasedOn(Encounter encounter, List<RuleViolation> violations) {
        List<Reference> basedOn = encounter.getBasedOn();
        if (basedOn.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.basedOn",
                    "A peer session is recorded against its referral: basedOn the referral's ServiceRequest"));
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < basedOn.size(); i++) {
            if (!"ServiceRequest".equals(ReferenceTargets.type(basedOn.get(i)))) {
                violations.add(RuleViolation.invalid(IssueType.INVALID, "Encounter.basedOn[" + i + "]",
                        "basedOn names the referral as a literal reference ServiceRequest/<id>"));
                ok = false;
            }
        }
        if (basedOn.size() > 1) {
            // One referral per Encounter keeps attendance, Task effects and billing per person unambiguous.
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.basedOn[1]",
                    "A session Encounter belongs to one referral; for a group, give each attendee their own Encounter partOf the group Encounter"));
            ok = false;
        }
        return ok;
    }

    private static void checkTask(Task task, List<RuleViolation> violations) {
        OpenReferral.check(task, OPEN_FOR_SESSIONS, "sessions", BASED_ON).ifPresent(violations::add);
    }

    private static void checkSubject(Encounter encounter, Reference referralPatient, List<RuleViolation> violations) {
        if (!encounter.hasSubject()) {
            violations.add(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.subject",
                    "A peer session names the referred patient as subject (" + ReferenceTargets.target(referralPatient) + ")"));
        } else if (!ReferenceTargets.sameTarget(encounter.getSubject(), referralPatient)) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.subject",
                    "The session's subject " + ReferenceTargets.target(encounter.getSubject())
                            + " is not the referral's patient " + ReferenceTargets.target(referralPatient)));
        }
    }
}
