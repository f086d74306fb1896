package org.peerbridge.server.population;

import java.util.Optional;
import org.peerbridge.mapping.population.Participant;

/**
 * A referral's row in {@code program_participant}.
 *
 * @param periodDay   the epoch day a report's period is compared with: authoredOn as written, else the referral's last update
 * @param listed      the referral's last update (epoch milliseconds): the order a report lists participants in
 * @param participant what the referral contributes; empty when it counts as no participant
 */
record ParticipantRow(String referralId, String patientId, long periodDay, long listed, Optional<Participant> participant) {
}
