package org.peerbridge.mapping.session;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.peerbridge.mapping.directory.DirectoryCodes;
import org.peerbridge.mapping.directory.DirectoryRules;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * The peer supporter of a session: the first Encounter.participant whose individual is a PractitionerRole
 * (preferred: it carries the Peer Specialist code) or a Practitioner. The server looks up that
 * participant's roles and passes them in {@link SessionContext#supporterRoles()}.
 */
public final class PeerSupporterParticipant {

    private static final Set<String> SUPPORTER_TYPES = Set.of("PractitionerRole", "Practitioner");

    private PeerSupporterParticipant() {
    }

    /** Index in Encounter.participant of the peer supporter, if the Encounter names one. */
    public static OptionalInt index(Encounter encounter) {
        return IntStream.range(0, encounter.getParticipant().size())
                .filter(i -> SUPPORTER_TYPES.contains(ReferenceTargets.type(encounter.getParticipant().get(i).getIndividual())))
                .findFirst();
    }

    /** The peer supporter's reference (PractitionerRole/… or Practitioner/…): what the server looks up. */
    public static Optional<Reference> reference(Encounter encounter) {
        OptionalInt index = index(encounter);
        return index.isPresent() ? Optional.of(encounter.getParticipant().get(index.getAsInt()).getIndividual()) : Optional.empty();
    }

    public static List<RuleViolation> check(Encounter encounter, List<PractitionerRole> supporterRoles) {
        OptionalInt index = index(encounter);
        if (index.isEmpty()) {
            return List.of(RuleViolation.invalid(IssueType.REQUIRED, "Encounter.participant",
                    "A peer session names its peer supporter as a participant (individual = PractitionerRole, or Practitioner)"));
        }
        String where = "Encounter.participant[" + index.getAsInt() + "].individual";
        String who = ReferenceTargets.target(encounter.getParticipant().get(index.getAsInt()).getIndividual());
        if (supporterRoles.stream().anyMatch(DirectoryRules::isActivePeerSupporter)) {
            return List.of();
        }
        String why;
        if (supporterRoles.isEmpty()) {
            why = "has no PractitionerRole in the program directory";
        } else if (supporterRoles.stream().noneMatch(DirectoryRules::isPeerSupporterRole)) {
            why = "is not a peer supporter (no PractitionerRole coded NUCC " + DirectoryCodes.PEER_SPECIALIST + " "
                    + DirectoryCodes.PEER_SPECIALIST_DISPLAY + ")";
        } else {
            why = "is not an active peer supporter (the Peer Specialist role is inactive)";
        }
        return List.of(RuleViolation.invalid(IssueType.BUSINESSRULE, where, who + " " + why));
    }
}
