package org.peerbridge.server.subscription;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.peerbridge.mapping.subscription.Backport;
import org.peerbridge.mapping.subscription.SubscriptionTopic;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.write.WriteRule;

/**
 * Topic-based subscriptions assembled in one place (docs/subscriptions.md): the write rules, the outbox
 * listener in every write's transaction, the $status and $events operations, the CapabilityStatement
 * entries and the delivery worker that PeerBridgeServer starts and stops.
 */
public final class Subscriptions implements AutoCloseable {

    private final SubscriptionSettings config;
    private final FhirContext fhir;
    private final SubscriptionTable table = new SubscriptionTable();
    private ResourceStore store;
    private DeliveryWorker worker;

    public Subscriptions(SubscriptionSettings config, FhirContext fhir) {
        this.config = config;
        this.fhir = fhir;
    }

    public WriteRule rules() {
        return new SubscriptionRules(config.allowInsecureEndpoints());
    }

    /** Events are appended in each write's transaction; call after the access-scope listener is registered. */
    public void listenTo(ResourceStore resourceStore) {
        this.store = resourceStore;
        resourceStore.addVersionListener(new SubscriptionOutbox(table));
    }

    public Object operations() {
        return new SubscriptionOperations(store, table, new Notifications(store, table));
    }

    /** Publishes the topics as the backport IG says: one extension per topic on the Subscription resource entry. */
    public void describe(CapabilityStatement capabilities) {
        capabilities.getRestFirstRep().getResource().stream().filter(r -> "Subscription".equals(r.getType())).forEach(resource -> {
            for (SubscriptionTopic topic : SubscriptionTopics.all()) {
                resource.addExtension(Backport.TOPIC_CANONICAL, new CanonicalType(topic.canonical()));
            }
            resource.addSupportedProfile(Backport.SUBSCRIPTION_PROFILE);
            resource.addOperation().setName("status")
                    .setDefinition("http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status");
            resource.addOperation().setName("events")
                    .setDefinition("http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-events");
        });
    }

    /** Starts delivering; {@code baseUrl} is the server's public base, used in notifications. */
    public void start(String baseUrl) {
        Notifications notifications = new Notifications(store, table);
        Delivery delivery = new Delivery(store.database(), table, notifications, new StatusChanges(store), new RestHook(), config, fhir,
                baseUrl);
        worker = new DeliveryWorker(store.database(), table, delivery, config);
        worker.start();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
