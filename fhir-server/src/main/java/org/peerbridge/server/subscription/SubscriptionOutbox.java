package org.peerbridge.server.subscription;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.peerbridge.mapping.access.ReferralAccess;
import org.peerbridge.mapping.subscription.FilterCriteria;
import org.peerbridge.mapping.subscription.SubscriptionRequest;
import org.peerbridge.mapping.subscription.SubscriptionTopic;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.storage.VersionListener;
import org.peerbridge.server.storage.WrittenVersion;

/**
 * The write side of subscriptions, inside every write's transaction: keeps {@code subscription_state}
 * in step with each Subscription version, and appends an event to the outbox of every subscription a
 * written version is an event for (its topic, its filters, and what its owner's organization may see),
 * whether a client or the server wrote it. Registered after the access-scope writer, so the version's
 * audience is already stored when it is checked here. Event numbers are given out just before commit,
 * in subscription id order: the row locks that keep numbers in commit order are held as briefly as
 * possible, and two transactions always take them in the same order (no deadlock).
 */
public final class SubscriptionOutbox implements VersionListener {

    private final SubscriptionTable table;
    /** Parsed filter criteria by topic and text: parsing once per distinct filter, not per write. */
    private final Map<String, FilterCriteria> parsedFilters = new ConcurrentHashMap<>();
    /** Events matched by each unit of work still running, numbered and stored when it completes. */
    private final Map<UnitOfWork, List<Pending>> pending = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** An event waiting for its number. */
    private record Pending(String subscriptionId, WrittenVersion written) {
    }

    SubscriptionOutbox(SubscriptionTable table) {
        this.table = table;
    }

    @Override
    public void written(UnitOfWork uow, WrittenVersion written) throws SQLException {
        if ("Subscription".equals(written.type())) {
            keepState(uow.connection(), written);
            return;
        }
        boolean created = written.method() == WrittenVersion.Method.CREATE;
        Map<String, Boolean> visibleToOrganization = new HashMap<>(); // one look-up per organization, however many subscriptions it has
        for (SubscriptionTopic topic : SubscriptionTopics.triggeredBy(written.resource(), created)) {
            for (SubscriptionState subscription : table.listening(uow.connection(), topic.canonical())) {
                if (accepts(topic, subscription, written.resource()) && visibleTo(uow.connection(), subscription, written, visibleToOrganization)) {
                    pending.computeIfAbsent(uow, key -> new ArrayList<>()).add(new Pending(subscription.id(), written));
                }
            }
        }
    }

    @Override
    public void completing(UnitOfWork uow) throws SQLException {
        List<Pending> events = pending.remove(uow);
        if (events == null) {
            return;
        }
        List<SubscriptionTable.NewEvent> bySubscription = new ArrayList<>(events.size());
        for (Pending event : events) {
            WrittenVersion written = event.written();
            bySubscription.add(new SubscriptionTable.NewEvent(event.subscriptionId(), written.type(), written.id(), written.version(),
                    written.resource().getMeta().getLastUpdated().getTime()));
        }
        bySubscription.sort(Comparator.comparing(SubscriptionTable.NewEvent::subscriptionId)); // stable: each subscription's events stay in write order
        table.appendEvents(uow.connection(), bySubscription);
    }

    private void keepState(Connection c, WrittenVersion written) throws SQLException {
        if (written.resource() == null) {
            table.delete(c, written.id());
            return;
        }
        Subscription subscription = (Subscription) written.resource();
        // the content was checked before it was stored (SubscriptionRules); insecure endpoints were refused there
        var spec = SubscriptionRequest.check(subscription, true).spec();
        if (spec == null) {
            throw new IllegalStateException("Subscription/" + written.id() + " was stored without passing its checks");
        }
        String status = subscription.getStatus().toCode();
        if (table.find(c, written.id()).isPresent()) {
            table.update(c, written.id(), spec, status);
        } else {
            table.insert(c, written.id(), ownerOrganization(), spec, status);
        }
    }

    /** The creating caller's organization, or null when it sees every organization's data (the program, --no-auth). */
    private static String ownerOrganization() {
        return CallerContext.current().filter(caller -> !caller.seesEverything()).map(caller -> caller.organization()).orElse(null);
    }

    private boolean accepts(SubscriptionTopic topic, SubscriptionState subscription, Resource resource) {
        for (String text : subscription.filters()) {
            FilterCriteria criteria = parsedFilters.computeIfAbsent(topic.canonical() + " " + text,
                    key -> FilterCriteria.parse(topic, text, "filter").criteria());
            if (criteria == null || !criteria.matches(resource)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visibleTo(Connection c, SubscriptionState subscription, WrittenVersion written, Map<String, Boolean> known)
            throws SQLException {
        String organization = subscription.organization();
        if (organization == null) {
            return true;
        }
        Boolean visible = known.get(organization);
        if (visible == null) {
            visible = new ReadScope(organization, ReferralAccess.SHARED_TYPES, type -> true).visible(c, written.type(), written.id());
            known.put(organization, visible);
        }
        return visible;
    }
}
