package org.peerbridge.server.subscription;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.subscription.SubscriptionRequest;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.WriteRules;

/**
 * The {@link WriteRules} of Subscriptions: what a client sends must be something PeerBridge can deliver
 * ({@link SubscriptionRequest}), and the status is the server's to manage. A client asks (requested)
 * or stops (off); the server activates after the handshake and reports errors. Re-sending requested,
 * or moving the endpoint, starts over with a new handshake.
 */
public final class SubscriptionRules implements WriteRules {

    private final boolean allowInsecureEndpoints;

    public SubscriptionRules(boolean allowInsecureEndpoints) {
        this.allowInsecureEndpoints = allowInsecureEndpoints;
    }

    @Override
    public void prepare(UnitOfWork uow, Resource before, Resource incoming) {
        if (!(incoming instanceof Subscription subscription)) {
            return;
        }
        Subscription previous = before instanceof Subscription s ? s : null;
        SubscriptionStatus asked = subscription.getStatus();
        if (asked == SubscriptionStatus.OFF) {
            subscription.setError(null);
        } else if (previous == null || asked == SubscriptionStatus.REQUESTED
                || !Objects.equals(previous.getChannel().getEndpoint(), subscription.getChannel().getEndpoint())
                || previous.getStatus() == SubscriptionStatus.OFF) {
            subscription.setStatus(SubscriptionStatus.REQUESTED);
            subscription.setError(null);
        } else {
            // active or error are the server's findings: an update keeps them
            subscription.setStatus(previous.getStatus());
            subscription.setError(previous.getError());
        }
    }

    @Override
    public List<RuleViolation> checkCreate(UnitOfWork uow, Resource incoming) {
        return check(incoming);
    }

    @Override
    public List<RuleViolation> checkUpdate(UnitOfWork uow, Resource before, Resource after) {
        return check(after);
    }

    private List<RuleViolation> check(Resource resource) {
        return resource instanceof Subscription subscription
                ? SubscriptionRequest.check(subscription, allowInsecureEndpoints).violations()
                : List.of();
    }
}
