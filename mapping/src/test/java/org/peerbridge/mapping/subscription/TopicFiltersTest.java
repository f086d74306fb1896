package org.peerbridge.mapping.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/** Which versions are events of which topic, and how filters read them. */
class TopicFiltersTest {

    private static final SubscriptionTopic TASK = SubscriptionTopics.find(SubscriptionTopics.SDOH_TASK).orElseThrow();

    private static Task task() {
        Task task = new Task();
        task.setStatus(Task.TaskStatus.ACCEPTED);
        task.setOwner(new Reference("Organization/peerbridge-program"));
        task.setRequester(new Reference("Practitioner/dr-a"));
        task.setCode(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", null)));
        task.getMeta().setLastUpdated(java.sql.Timestamp.valueOf("2026-03-02 10:15:00"));
        return task;
    }

    private static boolean matches(String criteria) {
        FilterCriteria.Parsed parsed = FilterCriteria.parse(TASK, criteria, "x");
        assertTrue(parsed.violations().isEmpty(), () -> parsed.violations().toString());
        return parsed.criteria().matches(task());
    }

    @Test
    void everyParameterMustMatchAndCommaMeansEither() {
        assertTrue(matches("Task?owner=Organization/peerbridge-program&status=accepted"));
        assertTrue(matches("Task?status=completed,accepted"));
        assertFalse(matches("Task?owner=Organization/peerbridge-program&status=completed"));
        assertTrue(matches("Task?code=http://hl7.org/fhir/CodeSystem/task-code|fulfill"));
        assertTrue(matches("Task?code=fulfill"));
        assertFalse(matches("Task?code=http://other.org|fulfill"));
        assertTrue(matches("Task?requester=Practitioner/dr-a"));
    }

    @Test
    void lastUpdatedTakesSearchPrefixesOverTheDatesRange() {
        assertTrue(matches("Task?_lastUpdated=ge2026-03-02"));
        assertTrue(matches("Task?_lastUpdated=2026-03"));
        assertFalse(matches("Task?_lastUpdated=gt2026-03-02"));
        assertTrue(matches("Task?_lastUpdated=lt2026-03-03"));
        assertFalse(matches("Task?_lastUpdated=lt2026-03-02"));
    }

    @Test
    void badCriteriaAreLocatedAndSayWhatTheTopicOffers() {
        var wrongType = FilterCriteria.parse(TASK, "Encounter?patient=Patient/1", "Subscription.criteria.extension[0]");
        assertEquals("Subscription.criteria.extension[0]", wrongType.violations().get(0).expression());
        var unknown = FilterCriteria.parse(TASK, "Task?colour=blue", "here");
        assertTrue(unknown.violations().get(0).message().contains("owner, requester, status, code, _lastUpdated"));
        assertNotNull(FilterCriteria.parse(TASK, "Task?_lastUpdated=yesterday", "here").violations().get(0));
        assertNotNull(FilterCriteria.parse(TASK, "Task?owner=peerbridge", "here").violations().get(0));
    }

    @Test
    void theEncounterTopicWantsNewEncountersOfAReferralOnly() {
        Encounter ofReferral = new Encounter();
        ofReferral.addBasedOn(new Reference("ServiceRequest/1"));
        assertEquals(List.of(SubscriptionTopics.REFERRAL_ENCOUNTER),
                SubscriptionTopics.triggeredBy(ofReferral, true).stream().map(SubscriptionTopic::canonical).toList());
        assertTrue(SubscriptionTopics.triggeredBy(ofReferral, false).isEmpty(), "an update is not a new session");
        assertTrue(SubscriptionTopics.triggeredBy(new Encounter(), true).isEmpty(), "a group session without a referral");
        assertTrue(SubscriptionTopics.triggeredBy(null, false).isEmpty(), "a deletion");
        assertEquals(1, SubscriptionTopics.triggeredBy(task(), false).size(), "a Task change is an event");
    }

    @Test
    void httpOnlyToLoopbackUnlessAllowed() {
        assertNull(EndpointRule.problemWith("https://ehr.example.org/hook", false));
        assertNull(EndpointRule.problemWith("http://127.0.0.1:9000/hook", false));
        assertNull(EndpointRule.problemWith("http://localhost/hook", false));
        assertNotNull(EndpointRule.problemWith("http://ehr.example.org/hook", false));
        assertNull(EndpointRule.problemWith("http://ehr.example.org/hook", true));
        assertNotNull(EndpointRule.problemWith("ftp://ehr.example.org/hook", true));
        assertNotNull(EndpointRule.problemWith("not a url", false));
    }

    @Test
    void notificationsCarryTheFocusAsThePayloadSays() {
        var status = new NotificationBundle.Status("https://pb.example/fhir", "s1", SubscriptionTopics.SDOH_TASK, "active", 7, null);
        Task focus = task();
        focus.setId("t1");
        var event = new NotificationEvent(7, new Date(), "Task", "t1", 2, focus);
        var full = NotificationBundle.notification(status, NotificationType.EVENT_NOTIFICATION, List.of(event), PayloadContent.FULL_RESOURCE);
        assertEquals(2, full.getEntry().size());
        assertEquals("https://pb.example/fhir/Task/t1", full.getEntry().get(1).getFullUrl());
        assertEquals("PUT", full.getEntry().get(1).getRequest().getMethod().toCode());
        assertTrue(full.getEntry().get(1).hasResource());
        var idOnly = NotificationBundle.notification(status, NotificationType.EVENT_NOTIFICATION, List.of(event), PayloadContent.ID_ONLY);
        assertFalse(idOnly.getEntry().get(1).hasResource());
        var empty = NotificationBundle.notification(status, NotificationType.EVENT_NOTIFICATION, List.of(event), PayloadContent.EMPTY);
        assertEquals(1, empty.getEntry().size());
        assertEquals("7", ((org.hl7.fhir.r4.model.Parameters) empty.getEntryFirstRep().getResource())
                .getParameter("events-since-subscription-start").getValue().primitiveValue());
    }
}
