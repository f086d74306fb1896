package org.peerbridge.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.peerbridge.mapping.subscription.NotificationEvent;
import org.peerbridge.mapping.subscription.NotificationType;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn of delivery for one leased subscription: the handshake if it has not had one, else its
 * undelivered events in order, as many as its max-count in one Bundle, else a heartbeat when one is
 * due. A 2xx moves it on; a failure is counted and the next attempt waits (exponential backoff with a
 * cap), then starts again from the first unacknowledged event. A failed handshake, or repeated
 * failures, show status error; the next success makes it active again. A turn is two transactions
 * whatever it carries: one renews the lease and reads the state and the events to send, one records the
 * outcome. A lease no longer held (expired, or taken over by another replica) means nothing is sent, and
 * an outcome is recorded only while the lease is still this turn's: so what one replica sent and
 * recorded is never sent again by another, and a replica that dies between sending and recording
 * causes at most one notification to be sent twice. All times are the database's.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Database database;
    private final SubscriptionTable table;
    private final Notifications notifications;
    private final StatusChanges statuses;
    private final RestHook hook;
    private final SubscriptionSettings config;
    private final FhirContext fhir;
    private final String baseUrl;

    /** What one turn sends: a handshake, a heartbeat, or events (the last of which is {@code through}). */
    private record Turn(SubscriptionState state, NotificationType type, List<NotificationEvent> events) {

        long through() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).number();
        }
    }

    Delivery(Database database, SubscriptionTable table, Notifications notifications, StatusChanges statuses, RestHook hook,
            SubscriptionSettings config, FhirContext fhir, String baseUrl) {
        this.database = database;
        this.table = table;
        this.notifications = notifications;
        this.statuses = statuses;
        this.hook = hook;
        this.config = config;
        this.fhir = fhir;
        this.baseUrl = baseUrl;
    }

    /**
     * True when a handshake or events were acknowledged and recorded under {@code lease}, so there may be
     * more to send right away.
     */
    boolean run(String id, String lease) {
        Turn turn = database.inTransaction(c -> {
            long now = DatabaseClock.transactionStart(c);
            return table.renew(c, id, lease, now) ? nextTurn(c, id, now) : null;
        });
        return turn != null && send(turn, lease);
    }

    private Turn nextTurn(Connection c, String id, long now) throws SQLException {
        SubscriptionState state = table.find(c, id).orElse(null);
        if (state == null || "off".equals(state.status()) || state.nextAttempt() > now) {
            return null;
        }
        if (!state.handshakeDone()) {
            return new Turn(state, NotificationType.HANDSHAKE, List.of());
        } else if (state.hasUndelivered()) {
            List<NotificationEvent> events = notifications.events(c, state, state.deliveredThrough() + 1, state.eventsSinceStart(),
                    state.maxCount(), state.payload());
            return events.isEmpty() ? null : new Turn(state, NotificationType.EVENT_NOTIFICATION, events);
        } else if (state.heartbeatDue(now)) {
            return new Turn(state, NotificationType.HEARTBEAT, List.of());
        }
        return null;
    }

    private boolean send(Turn turn, String lease) {
        SubscriptionState state = turn.state();
        Bundle bundle = turn.events().isEmpty() ? notifications.withoutEvents(baseUrl, state, turn.type())
                : notifications.withEvents(baseUrl, state, turn.type(), turn.events(), state.payload());
        String failure = hook.post(state, fhir.newJsonParser().encodeResourceToString(bundle));
        boolean handshake = turn.type() == NotificationType.HANDSHAKE;
        if (failure == null) {
            boolean recorded = database.inTransaction(
                    c -> table.succeeded(c, state.id(), lease, turn.through(), handshake, DatabaseClock.transactionStart(c)));
            if (!recorded) {
                LOG.info("Subscription/{}: its lease was taken over while a notification was sent; not recorded", state.id());
                return false;
            }
            if (!"active".equals(state.status())) {
                statuses.change(state.id(), EnumSet.of(SubscriptionStatus.REQUESTED, SubscriptionStatus.ERROR), SubscriptionStatus.ACTIVE, null);
            }
            return turn.type() != NotificationType.HEARTBEAT;
        }
        int failures = state.failures() + 1;
        LOG.info("Notification to Subscription/{} failed ({} in a row): {}", state.id(), failures, failure);
        boolean recorded = database.inTransaction(c -> table.failed(c, state.id(), lease, failures,
                DatabaseClock.transactionStart(c) + config.retryDelay(failures).toMillis(), failure));
        if (recorded && (handshake || failures >= config.errorAfterFailures())) {
            statuses.change(state.id(), EnumSet.of(SubscriptionStatus.REQUESTED, SubscriptionStatus.ACTIVE), SubscriptionStatus.ERROR, failure);
        }
        return false;
    }
}
