package org.peerbridge.mapping.outcome;

/**
 * A PHQ-9 item 9 answer above 0: a possible risk of self-harm that people must see at once. It carries
 * only what is needed to raise the alert; it is not a risk assessment.
 *
 * @param linkId the item answered (44260-8)
 * @param answerScore the answer's score, 1 to 3
 */
public record SafetySignal(String linkId, int answerScore) {
}
