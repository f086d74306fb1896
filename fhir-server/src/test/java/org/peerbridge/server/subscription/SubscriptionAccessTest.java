package org.peerbridge.server.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
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
 * What a Subscription may be (unsupported channel, topic, filter, payload and unsafe endpoints are
 * refused, located, storing nothing), who may see and change it, which events it carries (only its
 * organization's), searching, $events and the published topics.
 */
class SubscriptionAccessTest extends ServerTest {

    private NotificationReceiver receiverA;
    private NotificationReceiver receiverB;
    private IGenericClient hospitalA;
    private IGenericClient hospitalB;

    @BeforeEach
    void twoHospitals() throws Exception {
        receiverA = new NotificationReceiver();
        receiverB = new NotificationReceiver();
        String run = Referrals.unique();
        hospitalA = server.clientFor("ehr-a-" + run, "Organization/hospital-a-" + run, "system/*.cruds");
        hospitalB = server.clientFor("ehr-b-" + run, "Organization/hospital-b-" + run, "system/*.cruds");
    }

    @AfterEach
    void stopReceivers() {
        receiverA.close();
        receiverB.close();
    }

    @Test
    void unsupportedRequestsAreRefusedWithTheirLocationAndStoreNothing() {
        int before = total(hospitalA, "Subscription?_count=0");
        refused(TestSubscriptions.to("http://example.org/SubscriptionTopic/unknown", receiverA.url(), "id-only"), "Subscription.criteria");
        Subscription websocket = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only");
        websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
        refused(websocket, "Subscription.channel.type");
        refused(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only", "Task?colour=blue"), "Subscription.criteria.extension[0]");
        refused(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only", "Encounter?patient=Patient/1"),
                "Subscription.criteria.extension[0]");
        refused(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "everything"),
                "Subscription.channel.payload.extension('" + Backport.PAYLOAD_CONTENT + "')");
        Subscription xml = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only");
        xml.getChannel().setPayload("application/fhir+xml");
        refused(xml, "Subscription.channel.payload");
        refused(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, "http://ehr.example.org/notify", "id-only"), "Subscription.channel.endpoint");
        Subscription badHeader = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only");
        badHeader.getChannel().addHeader("no colon here");
        refused(badHeader, "Subscription.channel.header[0]");
        Subscription zeroTimeout = TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only");
        zeroTimeout.getChannel().getExtensionByUrl(Backport.TIMEOUT).setValue(new org.hl7.fhir.r4.model.UnsignedIntType(0));
        refused(zeroTimeout, "Subscription.channel.extension('" + Backport.TIMEOUT + "')");
        assertEquals(before, total(hospitalA, "Subscription?_count=0"), "nothing was stored");
    }

    @Test
    void eachOrganizationGetsOnlyItsOwnEventsAndCannotSeeOrChangeAnothersSubscription() {
        Subscription ofA = TestSubscriptions.create(hospitalA, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "full-resource"));
        Subscription ofB = TestSubscriptions.create(hospitalB, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverB.url(), "full-resource"));
        Eventually.until("both active", () -> TestSubscriptions.read(hospitalA, ofA).getStatus() == Subscription.SubscriptionStatus.ACTIVE
                && TestSubscriptions.read(hospitalB, ofB).getStatus() == Subscription.SubscriptionStatus.ACTIVE);

        Referrals.Sent referralA = Referrals.send(hospitalA);
        Referrals.Sent referralB = Referrals.send(hospitalB);
        Eventually.until("each its own event", () -> receiverA.eventNumbers().size() == 1 && receiverB.eventNumbers().size() == 1);
        Task toA = (Task) receiverA.ofType("event-notification").get(0).bundle().getEntry().get(1).getResource();
        Task toB = (Task) receiverB.ofType("event-notification").get(0).bundle().getEntry().get(1).getResource();
        assertEquals(referralA.task().getIdElement().getIdPart(), toA.getIdElement().getIdPart());
        assertEquals(referralB.task().getIdElement().getIdPart(), toB.getIdElement().getIdPart());

        String idOfA = ofA.getIdElement().getIdPart();
        assertThrows(ResourceNotFoundException.class, () -> hospitalB.read().resource(Subscription.class).withId(idOfA).execute());
        Subscription takeOver = TestSubscriptions.read(hospitalA, ofA);
        takeOver.getChannel().setEndpoint(receiverB.url());
        assertThrows(ResourceNotFoundException.class, () -> hospitalB.update().resource(takeOver).execute());
        assertThrows(ResourceNotFoundException.class, () -> hospitalB.delete().resourceById("Subscription", idOfA).execute());
        assertThrows(ResourceNotFoundException.class, () -> TestSubscriptions.status(hospitalB, ofA));
        assertEquals(0, total(hospitalB, "Subscription?_id=" + idOfA));
        assertEquals(1, total(hospitalA, "Subscription?_id=" + idOfA + "&status=active&criteria=" + SubscriptionTopics.SDOH_TASK));
        assertEquals(1, total(hospitalA, "Subscription?url=" + receiverA.url()));
    }

    @Test
    void eventsReplaysStoredEventsByNumberWithTheContentAskedFor() {
        Subscription created = TestSubscriptions.create(hospitalA, TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiverA.url(), "id-only"));
        Referrals.send(hospitalA);
        Referrals.send(hospitalA);
        Eventually.until("two events", () -> receiverA.eventNumbers().size() >= 2);

        Bundle second = events(hospitalA, created, new Parameters().addParameter("eventsSinceNumber", new StringType("2"))
                .addParameter("eventsUntilNumber", new StringType("2")).addParameter("content", new CodeType("full-resource")));
        Parameters status = (Parameters) second.getEntryFirstRep().getResource();
        assertEquals("query-event", TestSubscriptions.value(status, "type"));
        List<String> numbers = status.getParameter().stream().filter(p -> p.getName().equals("notification-event"))
                .map(p -> p.getPart().get(0).getValue().primitiveValue()).toList();
        assertEquals(List.of("2"), numbers);
        assertTrue(second.getEntry().get(1).getResource() instanceof Task, "full-resource was asked for");

        Bundle all = events(hospitalA, created, new Parameters());
        assertEquals(3, all.getEntry().size(), "the status and both events");
        assertFalse(all.getEntry().get(1).hasResource(), "the subscription's own content: id-only");

        InvalidRequestException bad = assertThrows(InvalidRequestException.class,
                () -> events(hospitalA, created, new Parameters().addParameter("eventsSinceNumber", new StringType("first"))));
        assertEquals("http.eventsSinceNumber", ((OperationOutcome) bad.getOperationOutcome()).getIssueFirstRep().getLocation().get(0).getValue());
        assertThrows(ResourceNotFoundException.class, () -> events(hospitalB, created, new Parameters()));
    }

    @Test
    void theCapabilityStatementPublishesEveryTopic() {
        var subscription = server.client().capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute()
                .getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Subscription")).findFirst().orElseThrow();
        List<String> topics = subscription.getExtensionsByUrl(Backport.TOPIC_CANONICAL).stream().map(e -> e.getValue().primitiveValue()).toList();
        assertEquals(List.of(SubscriptionTopics.SDOH_TASK, SubscriptionTopics.OUTCOME_OBSERVATION, SubscriptionTopics.OUTCOME_RESPONSE,
                SubscriptionTopics.SAFETY_FLAG, SubscriptionTopics.REFERRAL_ENCOUNTER), topics);
    }

    private void refused(Subscription subscription, String location) {
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> hospitalA.create().resource(subscription).execute(), location);
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertTrue(outcome.getIssue().stream().anyMatch(i -> i.getExpression().stream().anyMatch(e -> e.getValue().equals(location))),
                () -> location + " in " + server.fhir().newJsonParser().encodeResourceToString(outcome));
    }

    private static Bundle events(IGenericClient client, Subscription subscription, Parameters parameters) {
        return client.operation().onInstance("Subscription/" + subscription.getIdElement().getIdPart()).named("$events")
                .withParameters(parameters).useHttpGet().returnResourceType(Bundle.class).execute();
    }

    private static int total(IGenericClient client, String query) {
        return client.search().byUrl(query).returnBundle(Bundle.class).execute().getTotal();
    }
}
