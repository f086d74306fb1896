package org.peerbridge.mapping.subscription;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.ElementPaths;

/**
 * A topic a Subscription names in {@code Subscription.criteria}: the resource type it watches, whether
 * new versions of existing resources count too, and the filters a subscriber may narrow it with.
 */
public record SubscriptionTopic(String canonical, String title, String resourceType, boolean onUpdate,
        String requiredPath, List<TopicFilter> filters, String description) {

    public Optional<TopicFilter> filter(String name) {
        return filters.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Whether a written version is an event of this topic: a new resource of the type, or (for topics
     * that follow changes) a new version of one, holding the element the topic requires (an Encounter
     * of a referral has basedOn). Deletions (a null resource) are never events: there is nothing to send.
     */
    public boolean triggeredBy(Resource resource, boolean created) {
        return resource != null && resourceType.equals(resource.fhirType()) && (created || onUpdate)
                && (requiredPath == null || !ElementPaths.values(resource, requiredPath).isEmpty());
    }
}
