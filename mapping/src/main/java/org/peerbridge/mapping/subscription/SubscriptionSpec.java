package org.peerbridge.mapping.subscription;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a checked Subscription asks for: its topic and filters, where and how to deliver, with the
 * backport channel settings (0 heartbeat seconds means none).
 */
public record SubscriptionSpec(SubscriptionTopic topic, List<FilterCriteria> filters, PayloadContent payload, String endpoint,
        List<String> headers, int heartbeatSeconds, int timeoutSeconds, int maxCount) {

    /** Whether a version of the topic's resource type passes every filter. */
    public boolean accepts(Resource resource) {
        return filters.stream().allMatch(f -> f.matches(resource));
    }
}
