package org.peerbridge.server.subscription;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.peerbridge.mapping.rules.RuleViolation;
import org.peerbridge.mapping.subscription.SubscriptionRequest;
import org.peerbridge.server.write.RulePhase;
import org.peerbridge.server.write.WriteContext;
import org.peerbridge.server.write.WriteRule;

/**
 * The {@link WriteRule} of Subscriptions: what a client sends must be something PeerBridge can deliver
 * ({@link SubscriptionRequest}), and the status is the server's to manage. A client asks (requested)
 * or stops (off); the server activates after the handshake and reports errors. Re-sending requested,
 * or moving the endpoint, starts over with a new handshake.
 */
public final class SubscriptionRules implements WriteRule {

    private final boolean allowInsecureEndpoints;

    public SubscriptionRules(boolean allowInsecureEndpoints) {
        this.allowInsecureEndpoints = allowInsecureEndpoints;
    }

    @Override
    public Set<String> types() {
        return Set.of("Subscription");
    }

    @Override
    public RulePhase phase() {
        return RulePhase.LIFECYCLE;
    }

    @Override
    public void prepare(WriteContext write) {
        Subscription subscription = (Subscription) write.resource();
        Subscription previous = (Subscription) write.before().orElse(null);
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
    public List<RuleViolation> check(WriteContext write) {
        return SubscriptionRequest.check((Subscription) write.resource(), allowInsecureEndpoints).violations();
    }
}
