package org.peerbridge.mapping.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Type;
import org.peerbridge.mapping.rules.RuleViolation;

/**
 * Checks what a Subscription asks for against what PeerBridge can do (a known topic, the topic's
 * filters, rest-hook with a JSON payload, a safe endpoint, sane channel settings) and reads it into a
 * {@link SubscriptionSpec}. Every problem is located in the resource.
 */
public final class SubscriptionRequest {

    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_COUNT = 20;
    public static final int MAX_MAX_COUNT = 100;
    public static final int MIN_HEARTBEAT_SECONDS = 1;

    private static final Set<String> JSON = Set.of("application/fhir+json", "application/json");
    /** Headers the HTTP client sets itself; a subscriber may not override them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "connection", "expect",
            "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-authorization");

    private SubscriptionRequest() {
    }

    /** The spec, or the violations that refuse the Subscription. */
    public record Checked(SubscriptionSpec spec, List<RuleViolation> violations) {
    }

    public static Checked check(Subscription subscription, boolean allowInsecureEndpoints) {
        List<RuleViolation> violations = new ArrayList<>();
        var topic = SubscriptionTopics.find(subscription.getCriteria());
        if (topic.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, "Subscription.criteria",
                    "Subscription.criteria must be the canonical URL of a topic this server supports ("
                            + String.join(", ", SubscriptionTopics.all().stream().map(SubscriptionTopic::canonical).toList())
                            + "); got '" + subscription.getCriteria() + "'"));
        }
        List<FilterCriteria> filters = new ArrayList<>();
        List<Extension> criteriaExtensions = subscription.getCriteriaElement().getExtension();
        for (int i = 0; i < criteriaExtensions.size(); i++) {
            Extension extension = criteriaExtensions.get(i);
            String at = "Subscription.criteria.extension[" + i + "]";
            if (!Backport.FILTER_CRITERIA.equals(extension.getUrl())) {
                violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, at, "Unsupported extension on criteria: " + extension.getUrl()));
            } else if (topic.isPresent()) {
                var parsed = FilterCriteria.parse(topic.get(), extension.getValue() == null ? null : extension.getValue().primitiveValue(), at);
                violations.addAll(parsed.violations());
                if (parsed.criteria() != null) {
                    filters.add(parsed.criteria());
                }
            }
        }
        var channel = subscription.getChannel();
        if (channel.getType() != SubscriptionChannelType.RESTHOOK) {
            violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, "Subscription.channel.type",
                    "Only the rest-hook channel is supported; got '" + channel.getTypeElement().getValueAsString() + "'"));
        }
        String endpointProblem = EndpointRule.problemWith(channel.getEndpoint(), allowInsecureEndpoints);
        if (endpointProblem != null) {
            violations.add(RuleViolation.invalid(channel.hasEndpoint() ? IssueType.VALUE : IssueType.REQUIRED, "Subscription.channel.endpoint", endpointProblem));
        }
        PayloadContent payload = payload(channel, violations);
        List<String> headers = headers(channel, violations);
        int heartbeat = seconds(channel.getExtensionByUrl(Backport.HEARTBEAT_PERIOD), "Subscription.channel.extension('" + Backport.HEARTBEAT_PERIOD + "')",
                0, MIN_HEARTBEAT_SECONDS, Integer.MAX_VALUE, violations);
        int timeout = seconds(channel.getExtensionByUrl(Backport.TIMEOUT), "Subscription.channel.extension('" + Backport.TIMEOUT + "')",
                DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS, violations);
        int maxCount = seconds(channel.getExtensionByUrl(Backport.MAX_COUNT), "Subscription.channel.extension('" + Backport.MAX_COUNT + "')",
                DEFAULT_MAX_COUNT, 1, MAX_MAX_COUNT, violations);
        SubscriptionSpec spec = violations.isEmpty()
                ? new SubscriptionSpec(topic.get(), filters, payload, channel.getEndpoint(), headers, heartbeat, timeout, maxCount)
                : null;
        return new Checked(spec, violations);
    }

    private static PayloadContent payload(Subscription.SubscriptionChannelComponent channel, List<RuleViolation> violations) {
        if (!channel.hasPayload()) {
            return PayloadContent.EMPTY; // R4: no payload element means notifications without content
        }
        String mimeType = channel.getPayload().toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (!JSON.contains(mimeType)) {
            violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, "Subscription.channel.payload",
                    "Notifications are sent as application/fhir+json; got '" + channel.getPayload() + "'"));
        }
        Extension content = channel.getPayloadElement().getExtensionByUrl(Backport.PAYLOAD_CONTENT);
        if (content == null) {
            return PayloadContent.ID_ONLY;
        }
        String code = content.getValue() == null ? null : content.getValue().primitiveValue();
        var known = PayloadContent.fromCode(code);
        if (known.isEmpty()) {
            violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, "Subscription.channel.payload.extension('" + Backport.PAYLOAD_CONTENT + "')",
                    "The payload content must be empty, id-only or full-resource; got '" + code + "'"));
        }
        return known.orElse(null);
    }

    private static List<String> headers(Subscription.SubscriptionChannelComponent channel, List<RuleViolation> violations) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < channel.getHeader().size(); i++) {
            String header = channel.getHeader().get(i).getValue();
            int colon = header == null ? -1 : header.indexOf(':');
            String name = colon < 1 ? "" : header.substring(0, colon).trim();
            if (!name.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+") || header.indexOf('\n') >= 0 || header.indexOf('\r') >= 0) {
                violations.add(RuleViolation.invalid(IssueType.INVALID, "Subscription.channel.header[" + i + "]",
                        "A header must be 'Name: value' on one line, e.g. 'Authorization: Bearer secret-token'"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(RuleViolation.invalid(IssueType.NOTSUPPORTED, "Subscription.channel.header[" + i + "]",
                        "The header '" + name + "' is set by the server and cannot be given"));
            } else {
                headers.add(header);
            }
        }
        return headers;
    }

    private static int seconds(Extension extension, String at, int absent, int min, int max, List<RuleViolation> violations) {
        if (extension == null) {
            return absent;
        }
        Type value = extension.getValue();
        if (!(value instanceof IntegerType number) || number.getValue() == null || number.getValue() < min || number.getValue() > max) {
            violations.add(RuleViolation.invalid(IssueType.VALUE, at, "Must be a whole number from " + min + " to " + max));
            return absent;
        }
        return number.getValue();
    }
}
