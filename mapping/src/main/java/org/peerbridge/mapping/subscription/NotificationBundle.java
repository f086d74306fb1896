package org.peerbridge.mapping.subscription;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds what the backport IG sends and answers: the SubscriptionStatus {@code Parameters}, and the
 * notification Bundle (type history) whose first entry is that status, followed by the focus
 * resources as the payload content says (none for empty, the reference for id-only, the resource for
 * full-resource).
 */
public final class NotificationBundle {

    private NotificationBundle() {
    }

    /** The state of one subscription as the status parameters report it. */
    public record Status(String baseUrl, String subscriptionId, String topic, String status, long eventsSinceStart, String error) {

        String subscriptionUrl() {
            return baseUrl + "/Subscription/" + subscriptionId;
        }
    }

    public static Parameters status(Status state, NotificationType type, List<NotificationEvent> events, PayloadContent content) {
        Parameters parameters = new Parameters();
        parameters.setId(UUID.randomUUID().toString());
        parameters.getMeta().addProfile(Backport.STATUS_PROFILE);
        parameters.addParameter().setName("subscription").setValue(new Reference(state.subscriptionUrl()));
        parameters.addParameter().setName("topic").setValue(new CanonicalType(state.topic()));
        parameters.addParameter().setName("status").setValue(new CodeType(state.status()));
        parameters.addParameter().setName("type").setValue(new CodeType(type.code()));
        parameters.addParameter().setName("events-since-subscription-start").setValue(new StringType(Long.toString(state.eventsSinceStart())));
        for (NotificationEvent event : events) {
            ParametersParameterComponent notification = parameters.addParameter().setName("notification-event");
            notification.addPart().setName("event-number").setValue(new StringType(Long.toString(event.number())));
            notification.addPart().setName("timestamp").setValue(new InstantType(event.timestamp()));
            if (content != PayloadContent.EMPTY) {
                notification.addPart().setName("focus").setValue(new Reference(state.baseUrl() + "/" + event.focusReference()));
            }
        }
        if (state.error() != null) {
            parameters.addParameter().setName("error").setValue(new CodeableConcept().setText(state.error()));
        }
        return parameters;
    }

    /** A notification (or $events answer): a history Bundle, the status first, then the focus entries. */
    public static Bundle notification(Status state, NotificationType type, List<NotificationEvent> events, PayloadContent content) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.setId(UUID.randomUUID().toString());
        bundle.getMeta().addProfile(Backport.NOTIFICATION_PROFILE);
        bundle.setTimestamp(new java.util.Date());
        Parameters status = status(state, type, events, content);
        BundleEntryComponent first = bundle.addEntry().setFullUrl("urn:uuid:" + status.getIdElement().getIdPart()).setResource(status);
        first.getRequest().setMethod(HTTPVerb.GET).setUrl(state.subscriptionUrl() + "/$status");
        first.getResponse().setStatus("200");
        if (content == PayloadContent.EMPTY) {
            return bundle;
        }
        for (NotificationEvent event : events) {
            BundleEntryComponent entry = bundle.addEntry().setFullUrl(state.baseUrl() + "/" + event.focusReference());
            boolean created = event.focusVersion() == 1;
            entry.getRequest().setMethod(created ? HTTPVerb.POST : HTTPVerb.PUT)
                    .setUrl(created ? event.focusType() : event.focusReference());
            entry.getResponse().setStatus(created ? "201" : "200");
            if (content == PayloadContent.FULL_RESOURCE && event.focus() != null) {
                entry.setResource(event.focus());
            }
        }
        return bundle;
    }

    /** The $status answer: a searchset of one status. */
    public static Bundle statusSearchset(Status state) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(1);
        bundle.setId(UUID.randomUUID().toString());
        Parameters status = status(state, NotificationType.QUERY_STATUS, List.of(), PayloadContent.EMPTY);
        BundleEntryComponent entry = bundle.addEntry().setFullUrl("urn:uuid:" + status.getIdElement().getIdPart()).setResource(status);
        entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        return bundle;
    }
}
