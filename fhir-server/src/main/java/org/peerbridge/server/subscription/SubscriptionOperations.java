package org.peerbridge.server.subscription;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.peerbridge.mapping.subscription.NotificationBundle;
import org.peerbridge.mapping.subscription.NotificationType;
import org.peerbridge.mapping.subscription.PayloadContent;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.storage.ResourceStore;

/**
 * {@code Subscription/[id]/$status} and {@code Subscription/[id]/$events} of the backport IG: where a
 * subscription stands, and its stored events again (to fill a gap the event numbers revealed). Both
 * answer only for a Subscription the caller may read.
 */
public final class SubscriptionOperations {

    /** The most events one $events answer carries; ask again from the next number for more. */
    public static final int MAX_EVENTS = 100;

    private final ResourceStore store;
    private final SubscriptionTable table;
    private final Notifications notifications;

    SubscriptionOperations(ResourceStore store, SubscriptionTable table, Notifications notifications) {
        this.store = store;
        this.table = table;
        this.notifications = notifications;
    }

    @Operation(name = "$status", type = Subscription.class, idempotent = true)
    @Description(shortDefinition = "How delivery of the Subscription goes", value = "How delivery of this Subscription goes: a searchset Bundle with its SubscriptionStatus (status, events"
            + " since it started, the last error)")
    public Bundle status(@IdParam IdType id, RequestDetails request) {
        SubscriptionState state = visibleState(id);
        return NotificationBundle.statusSearchset(notifications.status(request.getFhirServerBase(), state));
    }

    @Operation(name = "$events", type = Subscription.class, idempotent = true)
    @Description(shortDefinition = "The notifications of past events again", value = "The notifications of past events again, by event number (eventsSinceNumber to eventsUntilNumber),"
            + " for a client that missed some")
    public Bundle events(@IdParam IdType id, @OperationParam(name = "eventsSinceNumber", max = 1) StringType since,
            @OperationParam(name = "eventsUntilNumber", max = 1) StringType until, @OperationParam(name = "content", max = 1) CodeType content,
            RequestDetails request) {
        SubscriptionState state = visibleState(id);
        long from = number(since, "eventsSinceNumber", 1);
        long to = Math.min(number(until, "eventsUntilNumber", state.eventsSinceStart()), state.eventsSinceStart());
        PayloadContent payload = state.payload();
        if (content != null && content.hasValue()) {
            payload = PayloadContent.fromCode(content.getValue()).orElseThrow(() -> Refusals.badRequest(IssueType.VALUE,
                    "http.content", "content must be empty, id-only or full-resource; got '" + content.getValue() + "'"));
        }
        PayloadContent chosen = payload;
        var events = store.read(c -> notifications.events(c, state, from, to, MAX_EVENTS, chosen));
        return notifications.withEvents(request.getFhirServerBase(), state, NotificationType.QUERY_EVENT, events, chosen);
    }

    private SubscriptionState visibleState(IdType id) {
        store.current("Subscription", id.getIdPart()).filter(row -> !row.deleted())
                .orElseThrow(() -> Refusals.notFound("Subscription", id.getIdPart()));
        return store.read(c -> table.find(c, id.getIdPart())).orElseThrow(() -> Refusals.notFound("Subscription", id.getIdPart()));
    }

    private static long number(StringType value, String name, long absent) {
        if (value == null || !value.hasValue()) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.getValue().trim());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw Refusals.badRequest(IssueType.VALUE, "http." + name, name + " must be an event number (1 or more); got '"
                    + value.getValue() + "'");
        }
    }
}
