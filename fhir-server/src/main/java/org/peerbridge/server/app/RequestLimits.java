package org.peerbridge.server.app;

/**
 * How much one request may ask of the server, beyond the body size limit.
 *
 * @param maxBundleEntries   entries a transaction or batch Bundle may have; more is refused (413) before any entry runs
 * @param minRequestDataRate bytes per second a request body must arrive at, on average from its first byte read;
 *                           a slower body gets 408 (0 turns the check off; Jetty's idle timeout still ends a stalled body)
 */
public record RequestLimits(int maxBundleEntries, long minRequestDataRate) {

    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 1000;
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_BUNDLE_ENTRIES, DEFAULT_MIN_REQUEST_DATA_RATE);
    }
}
