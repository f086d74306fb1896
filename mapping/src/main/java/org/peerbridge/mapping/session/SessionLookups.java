package org.peerbridge.mapping.session;

import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;

/**
 * What the server must look up before {@link SessionRules#check}: each is a "Type/id" reference to read
 * (empty when the Encounter names none, or none is needed).
 *
 * @param referral      ServiceRequest of Encounter.basedOn[0]; then its fulfilment Task by Task?focus=
 * @param peerSupporter PractitionerRole (read it) or Practitioner (search PractitionerRole?practitioner=)
 * @param groupSession  the group Encounter of Encounter.partOf, for a group attendee
 */
public record SessionLookups(Optional<String> referral, Optional<String> peerSupporter, Optional<String> groupSession) {

    public static SessionLookups of(Encounter encounter) {
        Optional<String> referral = GroupSessions.isGroupSession(encounter) || !encounter.hasBasedOn()
                ? Optional.empty() : Optional.ofNullable(ReferenceTargets.target(encounter.getBasedOnFirstRep()));
        Optional<String> supporter = PeerSupporterParticipant.reference(encounter).map(ReferenceTargets::target);
        Optional<String> group = encounter.hasPartOf() ? Optional.ofNullable(ReferenceTargets.target(encounter.getPartOf())) : Optional.empty();
        return new SessionLookups(referral, supporter, group);
    }
}
