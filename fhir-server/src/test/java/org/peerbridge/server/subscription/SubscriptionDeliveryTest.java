package org.peerbridge.server.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerbridge.mapping.subscription.Backport;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.NotificationReceiver;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/**
 * An EHR subscribes to its referrals' Tasks and a real HTTP receiver in the test takes the
 * notifications: the handshake, each payload content, channel headers, order and event numbers,
 * several waiting events in one notification up to max-count, the same events again after a refused
 * notification, $status, heartbeats, and backoff while the receiver is down with full delivery when it
 * is back.
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
    void waitingEventsArriveTogetherInOrderAtMostMaxCountPerNotification() {
        Subscription created = TestSubscriptions.create(ehr, batchesOfThree("full-resource"));
        Eventually.until("status active", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        receiver.hold();
        List<String> tasks = new ArrayList<>();
        tasks.add(taskOf(Referrals.send(ehr)));
        Eventually.until("event 1 on its way", () -> receiver.held() == 1);
        for (int i = 2; i <= 8; i++) {
            tasks.add(taskOf(Referrals.send(ehr))); // events 2 to 8 wait while the endpoint has not answered
        }
        receiver.release();

        Eventually.until("all eight events", () -> receiver.eventNumbers().size() >= 8);
        List<NotificationReceiver.Received> notifications = receiver.ofType("event-notification");
        assertEquals(List.of(List.of(1L), List.of(2L, 3L, 4L), List.of(5L, 6L, 7L), List.of(8L)),
                notifications.stream().map(NotificationReceiver.Received::eventNumbers).toList(),
                "in order, no gaps, no repeats, at most max-count (3) each");
        for (NotificationReceiver.Received notification : notifications.subList(1, notifications.size())) {
            assertEquals("8", TestSubscriptions.value(notification.status(), "events-since-subscription-start"));
            List<Bundle.BundleEntryComponent> entries = notification.bundle().getEntry();
            List<Long> numbers = notification.eventNumbers();
            assertEquals(numbers.size() + 1, entries.size(), "the status, then one entry per event");
            for (int i = 0; i < numbers.size(); i++) {
                String task = tasks.get((int) (numbers.get(i) - 1));
                assertTrue(entries.get(i + 1).getFullUrl().endsWith(task), "entry " + (i + 1) + " is event " + numbers.get(i) + "'s Task");
                assertEquals(task, entries.get(i + 1).getResource().getIdElement().toUnqualifiedVersionless().getValue());
            }
        }
    }

    @Test
    void aRefusedNotificationIsSentAgainWithTheSameEvents() {
        Subscription created = TestSubscriptions.create(ehr, batchesOfThree("id-only"));
        Eventually.until("status active", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
        receiver.hold();
        Referrals.send(ehr);
        Eventually.until("event 1 on its way", () -> receiver.held() == 1);
        for (int i = 2; i <= 4; i++) {
            Referrals.send(ehr);
        }
        receiver.answer(503);
        receiver.release(); // event 1 is refused; events 1 to 3 are tried next, then again after each backoff

        Eventually.until("events 1 to 3 refused twice", () -> receiver.refused().size() >= 3);
        receiver.answer(200);
        Eventually.until("all four events", () -> receiver.eventNumbers().size() >= 4);

        List<List<Long>> refused = receiver.refused().stream().map(NotificationReceiver.Received::eventNumbers).toList();
        assertEquals(List.of(1L), refused.get(0));
        refused.subList(1, refused.size()).forEach(numbers -> assertEquals(List.of(1L, 2L, 3L), numbers, "each retry carries the same events"));
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(4L)),
                receiver.ofType("event-notification").stream().map(NotificationReceiver.Received::eventNumbers).toList(),
                "the refused events are acknowledged together, then the next one");
        // as the sample of several events in docs/subscriptions.md: after the status, one id-only entry per event, in order
        NotificationReceiver.Received three = receiver.ofType("event-notification").get(0);
        List<Parameters.ParametersParameterComponent> events = three.status().getParameter().stream()
                .filter(p -> p.getName().equals("notification-event")).toList();
        assertEquals(4, three.bundle().getEntry().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(((Reference) events.get(i).getPart().get(2).getValue()).getReference(), three.bundle().getEntry().get(i + 1).getFullUrl());
            assertFalse(three.bundle().getEntry().get(i + 1).hasResource());
        }
        Eventually.until("active again", () -> TestSubscriptions.read(ehr, created).getStatus() == Subscription.SubscriptionStatus.ACTIVE);
    }

    /** At most three events per notification, and a minute for the endpoint to answer (a held request must not time out). */
    private Subscription batchesOfThree(String content) {
        Subscription asked = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), content);
        asked.getChannel().addExtension(Backport.MAX_COUNT, new PositiveIntType(3));
        asked.getChannel().getExtensionByUrl(Backport.TIMEOUT).setValue(new UnsignedIntType(60));
        return asked;
    }

    private static String taskOf(Referrals.Sent referral) {
        return "Task/" + referral.task().getIdElement().getIdPart();
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
