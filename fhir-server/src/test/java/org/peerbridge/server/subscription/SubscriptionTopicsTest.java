package org.peerbridge.server.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.NotificationReceiver;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.ServerTest;
import org.peerbridge.server.support.Sessions;

/**
 * Each PeerBridge topic over HTTP, fed by what the program records and what the server derives from
 * it (score Observations and the safety Flag are server-made), filtered to one referral: the EHR that
 * referred gets them all; a filter that does not match gets nothing.
 */
class SubscriptionTopicsTest extends ServerTest {

    private final Map<String, NotificationReceiver> receivers = new java.util.LinkedHashMap<>();
    private IGenericClient ehr;

    @BeforeEach
    void anEhr() {
        String run = Referrals.unique();
        ehr = server.clientFor("ehr-" + run, "Organization/hospital-" + run, "system/*.cruds");
    }

    @AfterEach
    void stopReceivers() {
        receivers.values().forEach(NotificationReceiver::close);
    }

    @Test
    void sessionsResponsesScoresAndSafetyFlagsOfAReferralReachItsEhr() throws Exception {
        Referrals.Sent referral = Referrals.send(ehr);
        String patient = referral.patientReference();
        subscribe(SubscriptionTopics.REFERRAL_ENCOUNTER, "Encounter?based-on=" + referral.requestReference());
        subscribe(SubscriptionTopics.OUTCOME_RESPONSE, "QuestionnaireResponse?patient=" + patient);
        subscribe(SubscriptionTopics.OUTCOME_OBSERVATION, "Observation?patient=" + patient);
        subscribe(SubscriptionTopics.SAFETY_FLAG, "Flag?patient=" + patient + "&status=active");
        subscribe(SubscriptionTopics.SDOH_TASK, "Task?status=completed");
        Eventually.until("every handshake", () -> receivers.values().stream().allMatch(r -> !r.ofType("handshake").isEmpty()));

        Task accepted = referral.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        server.client().update().resource(accepted).execute();
        Sessions.Supporter supporter = Sessions.peerSupporter(server.client(), true);
        Sessions.record(server.client(), Sessions.attended(referral, supporter.role()));
        server.client().create().resource(Responses.answered(Responses.PHQ9, referral, "2026-03-02", 1, 1, 1, 0, 0, 0, 0, 0, 1)).execute();

        for (String topic : List.of(SubscriptionTopics.REFERRAL_ENCOUNTER, SubscriptionTopics.OUTCOME_RESPONSE,
                SubscriptionTopics.OUTCOME_OBSERVATION, SubscriptionTopics.SAFETY_FLAG)) {
            NotificationReceiver receiver = receivers.get(topic);
            Eventually.until("an event of " + topic, () -> !receiver.eventNumbers().isEmpty());
            String focus = receiver.ofType("event-notification").get(0).bundle().getEntry().get(1).getResource().fhirType();
            assertEquals(Map.of(SubscriptionTopics.REFERRAL_ENCOUNTER, "Encounter", SubscriptionTopics.OUTCOME_RESPONSE, "QuestionnaireResponse",
                    SubscriptionTopics.OUTCOME_OBSERVATION, "Observation", SubscriptionTopics.SAFETY_FLAG, "Flag").get(topic), focus);
        }
        assertTrue(receivers.get(SubscriptionTopics.SDOH_TASK).eventNumbers().isEmpty(), "no Task was completed");
    }

    private void subscribe(String topic, String filter) throws Exception {
        NotificationReceiver receiver = new NotificationReceiver();
        receivers.put(topic, receiver);
        TestSubscriptions.create(ehr, TestSubscriptions.to(topic, receiver.url(), "full-resource", filter));
    }
}
