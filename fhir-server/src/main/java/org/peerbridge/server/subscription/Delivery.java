package org.peerbridge.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.util.EnumSet;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.peerbridge.mapping.subscription.NotificationType;
import org.peerbridge.server.app.SubscriptionConfig;
import org.peerbridge.server.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn of delivery for one leased subscription: the handshake if it has not had one, else its next
 * undelivered events in order (up to max-count in one Bundle), else a heartbeat when one is due. A 2xx
 * moves it on; a failure is counted and the next attempt waits (exponential backoff with a cap). A
 * failed handshake, or repeated failures, show status error; the next success makes it active again.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Database database;
    private final SubscriptionTable table;
    private final Notifications notifications;
    private final StatusChanges statuses;
    private final RestHook hook;
    private final SubscriptionConfig config;
    private final FhirContext fhir;
    private final String baseUrl;

    Delivery(Database database, SubscriptionTable table, Notifications notifications, StatusChanges statuses, RestHook hook,
            SubscriptionConfig config, FhirContext fhir, String baseUrl) {
        this.database = database;
        this.table = table;
        this.notifications = notifications;
        this.statuses = statuses;
        this.hook = hook;
        this.config = config;
        this.fhir = fhir;
        this.baseUrl = baseUrl;
    }

    /** True when a handshake or events were delivered, so there may be more to send right away. */
    boolean run(String id) {
        SubscriptionState state = database.inTransaction(c -> table.find(c, id)).orElse(null);
        long now = System.currentTimeMillis();
        if (state == null || "off".equals(state.status()) || state.nextAttempt() > now) {
            return false;
        }
        if (!state.handshakeDone()) {
            return send(state, notifications.handshakeOrHeartbeat(baseUrl, state, NotificationType.HANDSHAKE), 0, true);
        } else if (state.hasUndelivered()) {
            Bundle bundle = notifications.events(baseUrl, state, NotificationType.EVENT_NOTIFICATION, state.deliveredThrough() + 1,
                    state.eventsSinceStart(), state.maxCount(), state.payload());
            return send(state, bundle, lastEventNumber(bundle, state), false);
        } else if (state.heartbeatDue(now)) {
            send(state, notifications.handshakeOrHeartbeat(baseUrl, state, NotificationType.HEARTBEAT), 0, false);
        }
        return false;
    }

    private boolean send(SubscriptionState state, Bundle bundle, long through, boolean handshake) {
        String failure = hook.post(state, fhir.newJsonParser().encodeResourceToString(bundle));
        long now = System.currentTimeMillis();
        if (failure == null) {
            database.inTransaction(c -> {
                table.succeeded(c, state.id(), through, handshake, now);
                return null;
            });
            if (!"active".equals(state.status())) {
                statuses.change(state.id(), EnumSet.of(SubscriptionStatus.REQUESTED, SubscriptionStatus.ERROR), SubscriptionStatus.ACTIVE, null);
            }
            return true;
        }
        int failures = state.failures() + 1;
        LOG.info("Notification to Subscription/{} failed ({} in a row): {}", state.id(), failures, failure);
        database.inTransaction(c -> {
            table.failed(c, state.id(), failures, now + config.retryDelay(failures).toMillis(), failure);
            return null;
        });
        if (handshake || failures >= config.errorAfterFailures()) {
            statuses.change(state.id(), EnumSet.of(SubscriptionStatus.REQUESTED, SubscriptionStatus.ACTIVE), SubscriptionStatus.ERROR, failure);
        }
        return false;
    }

    /** The number of the last event in a notification (the first entry's status parameters list them in order). */
    private static long lastEventNumber(Bundle bundle, SubscriptionState state) {
        Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
        List<Parameters.ParametersParameterComponent> events = status.getParameter().stream()
                .filter(p -> p.getName().equals("notification-event")).toList();
        if (events.isEmpty()) {
            return state.deliveredThrough();
        }
        return Long.parseLong(events.get(events.size() - 1).getPart().get(0).getValue().primitiveValue());
    }
}
