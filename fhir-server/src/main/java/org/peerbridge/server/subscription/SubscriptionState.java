package org.peerbridge.server.subscription;

import java.util.List;
import org.peerbridge.mapping.subscription.PayloadContent;

/**
 * One row of {@code subscription_state}: what the Subscription asks for (derived from its current
 * version) and where its delivery stands. {@code organization} is null when the owner sees every
 * organization's data.
 */
record SubscriptionState(String id, String organization, String topic, List<String> filters, PayloadContent payload,
        String endpoint, List<String> headers, long heartbeatMs, long timeoutMs, int maxCount, String status,
        boolean handshakeDone, long eventsSinceStart, long deliveredThrough, int failures, long nextAttempt, long lastSent,
        String lastError) {

    boolean hasUndelivered() {
        return eventsSinceStart > deliveredThrough;
    }

    boolean heartbeatDue(long now) {
        return heartbeatMs > 0 && lastSent + heartbeatMs <= now;
    }
}
