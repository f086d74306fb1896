package org.peerbridge.server.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.stream.LongStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.NotificationReceiver;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/**
 * An EHR subscribes to its referrals' Tasks and a real HTTP receiver in the test takes the
 * notifications: the handshake, each payload content, channel headers, order and event numbers,
 * $status, heartbeats, and backoff while the receiver is down with full delivery when it is back.
 * Each test acts for an organization of its own, so it sees only its own events.
 */
class SubscriptionDeliveryTest extends ServerTest {

    private NotificationReceiver receiver;
    private IGenericClient ehr;

    @BeforeEach
    void anEhrWithAReceiver() throws Exception {
        receiver = new NotificationReceiver();
        String run = Referrals.unique();
        ehr = server.clientFor("ehr-" + run, "Organization/hospital-" + run, "system/*.cruds");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theHandshakeActivatesAndTaskChangesArriveInOrderAsFullResourcesWithTheChannelHeaders() {
        Subscription asked = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "full-resource");
        asked.getChannel().addHeader("Authorization: Bearer receiver-secret");
        Subscription created = TestSubscriptions.create(ehr, asked);
        assertEquals(Subscription.SubscriptionStatus.REQUESTED, created.getStatus(), "the server activates, not the client");

        Eventually.until("a handshake", () -> !receiver.ofType("handshake").isEmpty());
        NotificationReceiver.Received handshake = receiver.ofType("handshake").get(0);
        assertEquals("Bearer receiver-secret", handshake.header("Authorization"));
        assertEquals(Bundle.BundleType.HISTORY, handshake.bundle().getType());
        assertEquals(1, handshake.bundle().getEntry().size(), "a handshake carries the status only");
        Eventually.until("status active", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);

        Referrals.Sent referral = Referrals.send(ehr); // the server creates the Task: event 1
        Task accepted = referral.task().copy();
        accepted.setStatus(Task.TaskStatus.ACCEPTED);
        server.client().update().resource(accepted).execute(); // the program accepts it: event 2

        Eventually.until("events 1 and 2", () -> receiver.eventNumbers().size() >= 2);
        assertEquals(List.of(1L, 2L), receiver.eventNumbers());
        List<NotificationReceiver.Received> notifications = receiver.ofType("event-notification");
        Task first = (Task) notifications.get(0).bundle().getEntry().get(1).getResource();
        Task last = (Task) notifications.get(notifications.size() - 1).bundle().getEntry().get(notifications.size() == 1 ? 2 : 1).getResource();
        assertEquals(Task.TaskStatus.REQUESTED, first.getStatus());
        assertEquals(Task.TaskStatus.ACCEPTED, last.getStatus());
        Parameters status = notifications.get(0).status();
        assertTrue(((Reference) status.getParameterValue("subscription")).getReference().endsWith("Subscription/" + created.getIdElement().getIdPart()));
        assertEquals(SubscriptionTopics.SDOH_TASK, TestSubscriptions.value(status, "topic"));
        Parameters.ParametersParameterComponent event = status.getParameter().stream().filter(p -> p.getName().equals("notification-event"))
                .findFirst().orElseThrow();
        assertEquals("1", event.getPart().get(0).getValue().primitiveValue());
        assertEquals("timestamp", event.getPart().get(1).getName());
        assertTrue(((Reference) event.getPart().get(2).getValue()).getReference().endsWith("Task/" + referral.task().getIdElement().getIdPart()));
        assertEquals("Bearer receiver-secret", notifications.get(0).header("Authorization"));

        Parameters now = TestSubscriptions.status(ehr, created);
        assertEquals("active", TestSubscriptions.value(now, "status"));
        assertEquals("2", TestSubscriptions.value(now, "events-since-subscription-start"));
        assertEquals("query-status", TestSubscriptions.value(now, "type"));
    }

    @Test
    void idOnlyNamesTheFocusWithoutItAndEmptyNamesNothing() {
        TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only"));
        NotificationReceiver emptyReceiver = null;
        try {
            emptyReceiver = new NotificationReceiver();
            TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, emptyReceiver.url(), "empty"));
            NotificationReceiver empty = emptyReceiver;
            Eventually.until("both handshakes", () -> !receiver.ofType("handshake").isEmpty() && !empty.ofType("handshake").isEmpty());
            Referrals.Sent referral = Referrals.send(ehr);
            String task = "Task/" + referral.task().getIdElement().getIdPart();

            Eventually.until("the id-only event", () -> !receiver.eventNumbers().isEmpty());
            Bundle idOnly = receiver.ofType("event-notification").get(0).bundle();
            assertEquals(2, idOnly.getEntry().size());
            assertTrue(idOnly.getEntry().get(1).getFullUrl().endsWith(task));
            assertFalse(idOnly.getEntry().get(1).hasResource(), "id-only sends no resource");

            Eventually.until("the empty event", () -> !empty.eventNumbers().isEmpty());
            Bundle nothing = empty.ofType("event-notification").get(0).bundle();
            assertEquals(1, nothing.getEntry().size(), "empty sends the status only");
            Parameters.ParametersParameterComponent event = ((Parameters) nothing.getEntryFirstRep().getResource()).getParameter().stream()
                    .filter(p -> p.getName().equals("notification-event")).findFirst().orElseThrow();
            assertNull(event.getPart().stream().filter(p -> p.getName().equals("focus")).findFirst().orElse(null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            if (emptyReceiver != null) {
                emptyReceiver.close();
            }
        }
    }

    @Test
    void aDownReceiverGetsRetriesThenErrorThenEveryEventInOrderWhenItIsBack() throws Exception {
        Subscription created = TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only"));
        Eventually.until("status active", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        receiver.stop();
        for (int i = 0; i < 3; i++) {
            Referrals.send(ehr);
        }
        Parameters failing = Eventually.value("status error", () -> TestSubscriptions.status(ehr, created),
                p -> "error".equals(TestSubscriptions.value(p, "status")));
        assertNotNull(failing.getParameter("error"), "$status says why");
        Subscription inError = TestSubscriptions.read(ehr, created);
        assertEquals(Subscription.SubscriptionStatus.ERROR, inError.getStatus());
        assertTrue(inError.hasError());

        receiver.start();
        Eventually.until("all three events", () -> receiver.eventNumbers().size() >= 3);
        assertEquals(LongStream.rangeClosed(1, 3).boxed().toList(), receiver.eventNumbers());
        Eventually.until("active again", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        assertEquals("active", TestSubscriptions.value(TestSubscriptions.status(ehr, created), "status"));
    }

    @Test
    void aFailedHandshakeShowsErrorAndIsRetriedUntilTheReceiverAnswers() {
        receiver.answer(503);
        Subscription created = TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only"));
        Eventually.until("status error", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ERROR);
        receiver.answer(200);
        Eventually.until("a handshake", () -> !receiver.ofType("handshake").isEmpty());
        Eventually.until("status active", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
    }

    @Test
    void heartbeatsArriveWhenNothingHappens() {
        Subscription asked = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "empty");
        asked.getChannel().addExtension(org.peerbridge.mapping.subscription.Backport.HEARTBEAT_PERIOD,
                new org.hl7.fhir.r4.model.UnsignedIntType(1));
        TestSubscriptions.create(ehr, asked);
        Eventually.until("two heartbeats", () -> receiver.ofType("heartbeat").size() >= 2);
        assertEquals("0", TestSubscriptions.value(receiver.ofType("heartbeat").get(0).status(), "events-since-subscription-start"));
    }

    @Test
    void aHangingEndpointHoldsUpNeitherTheApiNorOtherSubscribers() throws Exception {
        try (NotificationReceiver hanging = new NotificationReceiver()) {
            TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, hanging.url(), "id-only"));
            TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only"));
            Eventually.until("both handshakes", () -> !hanging.ofType("handshake").isEmpty() && !receiver.ofType("handshake").isEmpty());
            hanging.hold();

            Referrals.send(ehr); // answered although one subscriber's endpoint never answers
            Eventually.until("the healthy subscriber's event while the other endpoint hangs",
                    () -> receiver.eventNumbers().equals(List.of(1L)) && hanging.held() == 1);
            assertTrue(hanging.eventNumbers().isEmpty(), "the hanging endpoint never answered");
        }
    }

    @Test
    void anOffSubscriptionCollectsNothingUntilItIsRequestedAgain() {
        Subscription created = TestSubscriptions.create(ehr, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only"));
        // the server writes active after the handshake; an update based on an older version would get 412
        Subscription off = Eventually.value("status active", () -> TestSubscriptions.read(ehr, created),
                s -> s.getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        off.setStatus(Subscription.SubscriptionStatus.OFF);
        ehr.update().resource(off).execute();
        Referrals.send(ehr); // committed before the answer: an event would already be numbered
        Parameters status = TestSubscriptions.status(ehr, created);
        assertEquals("off", TestSubscriptions.value(status, "status"));
        assertEquals("0", TestSubscriptions.value(status, "events-since-subscription-start"));

        Subscription again = TestSubscriptions.read(ehr, created);
        again.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        ehr.update().resource(again).execute();
        Referrals.send(ehr);
        Eventually.until("the event after the new request", () -> receiver.eventNumbers().equals(List.of(1L)));
    }
}
