package org.peerbridge.mapping.subscription;

/** The SubscriptionStatus notification types of the backport IG. */
public enum NotificationType {
    HANDSHAKE("handshake"), HEARTBEAT("heartbeat"), EVENT_NOTIFICATION("event-notification"),
    QUERY_STATUS("query-status"), QUERY_EVENT("query-event");

    private final String code;

    NotificationType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
