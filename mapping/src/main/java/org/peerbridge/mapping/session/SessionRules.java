package org.peerbridge.mapping.session;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * The rules a peer session Encounter must meet beyond base R4 (issue 3), each located by FHIRPath.
 * All are {@link RuleViolation.Kind#INVALID} (422): the Encounter is refused and nothing is stored.
 * The server first looks up what {@link SessionLookups#of} names and passes it as a {@link SessionContext}.
 */
public final class SessionRules {

    private SessionRules() {
    }

    public static List<RuleViolation> check(Encounter encounter, SessionContext context) {
        List<RuleViolation> violations = new ArrayList<>(SessionCoding.check(encounter));
        violations.addAll(SessionDuration.check(encounter));
        violations.addAll(PeerSupporterParticipant.check(encounter, context.supporterRoles()));
        checkServiceProvider(encounter, context.programOrganization(), violations);
        if (GroupSessions.isGroupSession(encounter)) {
            violations.addAll(GroupSessions.checkGroupSession(encounter));
        } else {
            violations.addAll(ReferralLink.check(encounter, context));
            violations.addAll(SessionType.isGroup(encounter)
                    ? GroupSessions.checkAttendee(encounter, context.groupSession())
                    : GroupSessions.checkIndividual(encounter));
        }
        return violations;
    }

    private static void checkServiceProvider(Encounter encounter, String programOrganization, List<RuleViolation> violations) {
        // Sessions are the program's own records; a session "provided" by someone else does not belong here.
        if (programOrganization != null && encounter.hasServiceProvider()
                && !ReferenceTargets.sameTarget(encounter.getServiceProvider(), new Reference(programOrganization))) {
            violations.add(RuleViolation.invalid(IssueType.BUSINESSRULE, "Encounter.serviceProvider",
                    "Sessions are provided by the program (" + programOrganization + "), not "
                            + ReferenceTargets.target(encounter.getServiceProvider())));
        }
    }
}
