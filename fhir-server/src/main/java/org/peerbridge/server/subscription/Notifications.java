package org.peerbridge.server.subscription;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.peerbridge.mapping.subscription.NotificationBundle;
import org.peerbridge.mapping.subscription.NotificationEvent;
import org.peerbridge.mapping.subscription.NotificationType;
import org.peerbridge.mapping.subscription.PayloadContent;
import org.peerbridge.server.storage.ResourceStore;

/**
 * Builds the Bundles of one subscription from its stored state and events: the notifications the
 * worker sends and the answers of $status and $events. Full-resource payloads carry the exact
 * version each event recorded.
 */
final class Notifications {

    private final ResourceStore store;
    private final SubscriptionTable table;

    Notifications(ResourceStore store, SubscriptionTable table) {
        this.store = store;
        this.table = table;
    }

    NotificationBundle.Status status(String baseUrl, SubscriptionState state) {
        return new NotificationBundle.Status(baseUrl, state.id(), state.topic(), state.status(), state.eventsSinceStart(),
                "error".equals(state.status()) ? state.lastError() : null);
    }

    Bundle handshakeOrHeartbeat(String baseUrl, SubscriptionState state, NotificationType type) {
        return NotificationBundle.notification(status(baseUrl, state), type, List.of(), state.payload());
    }

    /** Events from..to (at most limit) as a Bundle of the given type, with the focus per content. */
    Bundle events(String baseUrl, SubscriptionState state, NotificationType type, long from, long to, int limit,
            PayloadContent content) {
        List<NotificationEvent> events = new ArrayList<>();
        for (SubscriptionTable.Event event : store.read(c -> table.events(c, state.id(), from, to, limit))) {
            var focus = content == PayloadContent.FULL_RESOURCE
                    ? store.version(event.type(), event.id(), event.version()).filter(row -> !row.deleted()).map(store.codec()::decode).orElse(null)
                    : null;
            events.add(new NotificationEvent(event.number(), new Date(event.occurred()), event.type(), event.id(), event.version(), focus));
        }
        return NotificationBundle.notification(status(baseUrl, state), type, events, content);
    }
}
