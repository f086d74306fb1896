package org.peerbridge.mapping.subscription;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where notifications may go: https anywhere, plain http only to a loopback address (a receiver on the
 * same machine), unless development mode allows insecure endpoints.
 */
public final class EndpointRule {

    private EndpointRule() {
    }

    /** Why the endpoint is refused, or null when notifications may be sent there. */
    public static String problemWith(String endpoint, boolean allowInsecure) {
        if (endpoint == null || endpoint.isBlank()) {
            return "A rest-hook Subscription needs channel.endpoint, the https URL notifications are POSTed to";
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "The endpoint '" + endpoint + "' is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "The endpoint '" + endpoint + "' must be an absolute https URL";
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(uri.getHost())) {
            return "The endpoint must use https (plain http is accepted only for a loopback address such as 127.0.0.1)";
        }
        return null;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
