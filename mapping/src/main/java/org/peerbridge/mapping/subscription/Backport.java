package org.peerbridge.mapping.subscription;

/** The canonical URLs of the HL7 FHIR Subscriptions R5 Backport IG (1.1) that R4 subscriptions use. */
public final class Backport {

    private static final String SD = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    public static final String SUBSCRIPTION_PROFILE = SD + "backport-subscription";
    public static final String STATUS_PROFILE = SD + "backport-subscription-status-r4";
    public static final String NOTIFICATION_PROFILE = SD + "backport-subscription-notification-r4";
    public static final String FILTER_CRITERIA = SD + "backport-filter-criteria";
    public static final String PAYLOAD_CONTENT = SD + "backport-payload-content";
    public static final String HEARTBEAT_PERIOD = SD + "backport-heartbeat-period";
    public static final String TIMEOUT = SD + "backport-timeout";
    public static final String MAX_COUNT = SD + "backport-max-count";
    public static final String TOPIC_CANONICAL = SD + "capabilitystatement-subscriptiontopic-canonical";

    /** The canonical base of PeerBridge's own topics, as the other PeerBridge canonicals. */
    public static final String PEERBRIDGE_TOPIC_BASE = "http://peerbridge.org/fhir/SubscriptionTopic/";

    private Backport() {
    }
}
