package org.peerbridge.server.app;

import java.time.Duration;

/**
 * How much one request may ask of the server, beyond the body size limit.
 *
 * @param maxBundleEntries   entries a transaction or batch Bundle may have; more is refused (413) before any entry runs
 * @param minRequestDataRate bytes per second a request body must arrive at, on average from its first byte read;
 *                           a slower body gets 408 (0 turns the check off; Jetty's idle timeout still ends a stalled body)
 * @param validatorWait      how long a write that comes before the validator has loaded (just after start) waits for
 *                           it; then it gets 503 with Retry-After, nothing stored, instead of hanging
 */
public record RequestLimits(int maxBundleEntries, long minRequestDataRate, Duration validatorWait) {

    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 1000;
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    public static final Duration DEFAULT_VALIDATOR_WAIT = Duration.ofSeconds(30);

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_BUNDLE_ENTRIES, DEFAULT_MIN_REQUEST_DATA_RATE, DEFAULT_VALIDATOR_WAIT);
    }

    public RequestLimits withValidatorWait(Duration wait) {
        return new RequestLimits(maxBundleEntries, minRequestDataRate, wait);
    }
}
