package org.peerbridge.server.search;

import java.util.List;

/**
 * A parsed search: AND of criteria (each an OR of values), sort order, page, and what to include.
 * Built only by {@link SearchRequestParser}, so every part is known to be supported.
 */
public record SearchRequest(String resourceType, List<Criterion> criteria, List<SortSpec> sort, int count, int offset,
        List<IncludeSpec> includes, List<IncludeSpec> revIncludes) {

    /** One parameter occurrence: rows matching any of its values qualify. */
    public sealed interface Criterion permits TokenCriterion, StringCriterion, DateCriterion, ReferenceCriterion,
            MissingCriterion, IdCriterion, LastUpdatedCriterion, ChainCriterion {
    }

    public record TokenValue(String system, boolean systemGiven, String code) { }

    public record TokenCriterion(String param, boolean negated, List<TokenValue> values) implements Criterion { }

    public enum StringMatch { STARTS_WITH, EXACT, CONTAINS }

    public record StringCriterion(String param, StringMatch match, List<String> values) implements Criterion { }

    public enum DatePrefix { EQ, NE, GT, LT, GE, LE, SA, EB, AP }

    public record DateValue(DatePrefix prefix, DateBounds bounds) { }

    public record DateCriterion(String param, List<DateValue> values) implements Criterion { }

    /** A reference value; type is null when the client gave a bare id. */
    public record ReferenceValue(String type, String id) { }

    public record ReferenceCriterion(String param, List<ReferenceValue> values) implements Criterion { }

    /**
     * A chained reference: {@code param} points at a {@code targetType} that meets {@code target}, e.g.
     * subject:Patient.identifier=sys|value. The target must be one the caller may read.
     */
    public record ChainCriterion(String param, String targetType, Criterion target) implements Criterion { }

    public record MissingCriterion(String param, SearchParamType type, boolean missing) implements Criterion { }

    public record IdCriterion(List<String> ids) implements Criterion { }

    public record LastUpdatedCriterion(List<DateValue> values) implements Criterion { }

    /** Sort by a parameter (or _id / _lastUpdated), ascending unless descending. */
    public record SortSpec(String param, SearchParamType type, boolean descending) { }

    /** _include=Type:param[:Target] or _revinclude=Type:param[:Target]. */
    public record IncludeSpec(String sourceType, String param, String targetType) {
        public String asString() {
            return sourceType + ":" + param + (targetType == null ? "" : ":" + targetType);
        }
    }
}
