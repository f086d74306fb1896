package org.peerbridge.server.subscription;

import java.sql.Connection;
import java.sql.SQLException;
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

    /** A handshake or heartbeat: the status without events. */
    Bundle withoutEvents(String baseUrl, SubscriptionState state, NotificationType type) {
        return NotificationBundle.notification(status(baseUrl, state), type, List.of(), state.payload());
    }

    /**
     * Events from..to (at most limit) in order, with their focus versions when the content is full-resource,
     * all read in the caller's transaction.
     */
    List<NotificationEvent> events(Connection c, SubscriptionState state, long from, long to, int limit, PayloadContent content)
            throws SQLException {
        List<NotificationEvent> events = new ArrayList<>();
        for (SubscriptionTable.Event event : table.events(c, state.id(), from, to, limit)) {
            var focus = content == PayloadContent.FULL_RESOURCE
                    ? store.version(c, event.type(), event.id(), event.version()).filter(row -> !row.deleted()).map(store.codec()::decode).orElse(null)
                    : null;
            events.add(new NotificationEvent(event.number(), new Date(event.occurred()), event.type(), event.id(), event.version(), focus));
        }
        return events;
    }

    /** A Bundle of the given type carrying these events, with the focus per content. */
    Bundle withEvents(String baseUrl, SubscriptionState state, NotificationType type, List<NotificationEvent> events, PayloadContent content) {
        return NotificationBundle.notification(status(baseUrl, state), type, events, content);
    }
}
