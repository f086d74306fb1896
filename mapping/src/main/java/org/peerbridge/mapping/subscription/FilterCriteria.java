package org.peerbridge.mapping.subscription;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * One backport-filter-criteria value, e.g. {@code Task?owner=Organization/peerbridge-program&status=completed}:
 * every parameter must match (AND); comma-separated values of one parameter are alternatives (OR).
 */
public record FilterCriteria(String text, List<Condition> conditions) {

    /** One parameter and its (comma-separated) values. */
    public record Condition(TopicFilter filter, String values) {
    }

    /** The criteria parsed against a topic, or the violations located at {@code expression}. */
    public record Parsed(FilterCriteria criteria, List<RuleViolation> violations) {
    }

    public static Parsed parse(SubscriptionTopic topic, String text, String expression) {
        List<RuleViolation> violations = new ArrayList<>();
        if (text == null || text.isBlank()) {
            violations.add(invalid(expression, "The filter criteria is empty; give e.g. " + topic.resourceType() + "?"
                    + topic.filters().get(0).name() + "=..."));
            return new Parsed(null, violations);
        }
        String[] typeAndQuery = text.split("\\?", 2);
        if (!typeAndQuery[0].equals(topic.resourceType()) || typeAndQuery.length < 2 || typeAndQuery[1].isBlank()) {
            violations.add(invalid(expression, "The filter criteria '" + text + "' must be " + topic.resourceType()
                    + "?name=value[&...], the resource type of topic " + topic.canonical()));
            return new Parsed(null, violations);
        }
        List<Condition> conditions = new ArrayList<>();
        for (String pair : typeAndQuery[1].split("&")) {
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]);
            String value = nameValue.length > 1 ? decode(nameValue[1]) : "";
            var filter = topic.filter(name);
            if (filter.isEmpty()) {
                violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, expression, "Topic " + topic.canonical()
                        + " cannot be filtered by '" + name + "'; it can by " + names(topic)));
                continue;
            }
            for (String one : value.split(",", -1)) {
                String problem = filter.get().problemWith(one.trim());
                if (problem != null) {
                    violations.add(invalid(expression, "The value '" + one + "' of filter '" + name + "' " + problem));
                }
            }
            conditions.add(new Condition(filter.get(), value));
        }
        return new Parsed(violations.isEmpty() ? new FilterCriteria(text, conditions) : null, violations);
    }

    /** Whether the resource meets every condition. */
    public boolean matches(Resource resource) {
        return conditions.stream().allMatch(c -> c.filter().matches(resource, c.values()));
    }

    private static String names(SubscriptionTopic topic) {
        return String.join(", ", topic.filters().stream().map(TopicFilter::name).toList());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static RuleViolation invalid(String expression, String message) {
        return RuleViolation.invalid(IssueType.INVALID, expression, message);
    }
}
