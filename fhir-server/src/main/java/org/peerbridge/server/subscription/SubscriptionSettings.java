package org.peerbridge.server.subscription;

import java.time.Duration;

/**
 * How subscriptions are delivered (docs/subscriptions.md).
 *
 * @param allowInsecureEndpoints development only: plain http endpoints anywhere, not just on loopback
 * @param workers                at most this many notifications are sent at once (one per subscription)
 * @param pollInterval           how often the worker looks for due deliveries
 * @param retryBase              the first retry's delay; each further failure doubles it
 * @param retryCap               the longest delay between retries
 * @param errorAfterFailures     failed deliveries in a row after which the subscription shows status error
 */
public record SubscriptionSettings(boolean allowInsecureEndpoints, int workers, Duration pollInterval, Duration retryBase,
        Duration retryCap, int errorAfterFailures) {

    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(false, 8, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(5), 3);
    }

    /** The delay before the next attempt after {@code failures} failures in a row (1 or more). */
    public Duration retryDelay(int failures) {
        long base = retryBase.toMillis();
        long delay = base << Math.min(Math.max(failures - 1, 0), 30);
        return Duration.ofMillis(Math.min(delay <= 0 ? Long.MAX_VALUE : delay, retryCap.toMillis()));
    }

    public SubscriptionSettings withAllowInsecureEndpoints(boolean allow) {
        return new SubscriptionSettings(allow, workers, pollInterval, retryBase, retryCap, errorAfterFailures);
    }

    public SubscriptionSettings withRetry(Duration base, Duration cap) {
        return new SubscriptionSettings(allowInsecureEndpoints, workers, pollInterval, base, cap, errorAfterFailures);
    }

    public SubscriptionSettings withPollInterval(Duration interval) {
        return new SubscriptionSettings(allowInsecureEndpoints, workers, interval, retryBase, retryCap, errorAfterFailures);
    }
}
