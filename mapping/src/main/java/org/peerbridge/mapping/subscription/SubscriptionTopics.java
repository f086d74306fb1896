package org.peerbridge.mapping.subscription;

import static org.peerbridge.mapping.subscription.TopicFilter.date;
import static org.peerbridge.mapping.subscription.TopicFilter.reference;
import static org.peerbridge.mapping.subscription.TopicFilter.token;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/** The topics PeerBridge serves: the SDOH Clinical Care Task topic and PeerBridge's own. */
public final class SubscriptionTopics {

    public static final String SDOH_TASK = "http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Task";
    public static final String OUTCOME_OBSERVATION = Backport.PEERBRIDGE_TOPIC_BASE + "outcome-observation";
    public static final String OUTCOME_RESPONSE = Backport.PEERBRIDGE_TOPIC_BASE + "outcome-questionnaire-response";
    public static final String SAFETY_FLAG = Backport.PEERBRIDGE_TOPIC_BASE + "safety-flag";
    public static final String REFERRAL_ENCOUNTER = Backport.PEERBRIDGE_TOPIC_BASE + "referral-encounter";

    private static final TopicFilter LAST_UPDATED = date("_lastUpdated", "meta.lastUpdated", "When the version was written");

    private static final List<SubscriptionTopic> ALL = List.of(
            new SubscriptionTopic(SDOH_TASK, "SDOH Clinical Care Task", "Task", true, null, List.of(
                    reference("owner", "Task.owner", "Who works on the Task (the program Organization)"),
                    reference("requester", "Task.requester", "Who asked for it (the referrer)"),
                    token("status", "Task.status", "Task status, e.g. accepted, in-progress, completed"),
                    token("code", "Task.code", "Task code, e.g. fulfill"),
                    LAST_UPDATED),
                    "A fulfilment Task is created or changes (status, business status, output): the referral's progress."),
            new SubscriptionTopic(OUTCOME_OBSERVATION, "Outcome score Observation", "Observation", true, null, List.of(
                    reference("patient", "Observation.subject", "The patient"),
                    token("code", "Observation.code", "The score, e.g. http://loinc.org|44261-6 (PHQ-9 total)"),
                    token("status", "Observation.status", "final, amended, entered-in-error"),
                    reference("derived-from", "Observation.derivedFrom", "The QuestionnaireResponse scored"),
                    LAST_UPDATED),
                    "An outcome score Observation is recorded, amended or withdrawn."),
            new SubscriptionTopic(OUTCOME_RESPONSE, "Outcome QuestionnaireResponse", "QuestionnaireResponse", true, null, List.of(
                    reference("patient", "QuestionnaireResponse.subject", "The patient"),
                    reference("based-on", "QuestionnaireResponse.basedOn", "The referral (ServiceRequest)"),
                    token("questionnaire", "QuestionnaireResponse.questionnaire", "The instrument's canonical URL"),
                    token("status", "QuestionnaireResponse.status", "completed, amended, entered-in-error"),
                    LAST_UPDATED),
                    "An outcome questionnaire response is recorded, amended or withdrawn."),
            new SubscriptionTopic(SAFETY_FLAG, "Safety Flag", "Flag", true, null, List.of(
                    reference("patient", "Flag.subject", "The patient"),
                    token("status", "Flag.status", "active or inactive"),
                    LAST_UPDATED),
                    "A safety Flag is raised (a reported risk of self-harm) or closed."),
            new SubscriptionTopic(REFERRAL_ENCOUNTER, "New peer session Encounter", "Encounter", false, "Encounter.basedOn", List.of(
                    reference("patient", "Encounter.subject", "The patient"),
                    reference("based-on", "Encounter.basedOn", "The referral (ServiceRequest)"),
                    LAST_UPDATED),
                    "A peer session (Encounter) of a referral is recorded."));

    private SubscriptionTopics() {
    }

    public static List<SubscriptionTopic> all() {
        return ALL;
    }

    /** The topic a criteria names: its canonical URL, optionally with "|version". */
    public static Optional<SubscriptionTopic> find(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = canonical.split("\\|", 2)[0];
        return ALL.stream().filter(t -> t.canonical().equals(url)).findFirst();
    }

    /** The topics a written version is an event of. */
    public static List<SubscriptionTopic> triggeredBy(Resource resource, boolean created) {
        return ALL.stream().filter(t -> t.triggeredBy(resource, created)).toList();
    }
}
