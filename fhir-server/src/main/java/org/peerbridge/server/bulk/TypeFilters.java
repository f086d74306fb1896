package org.peerbridge.server.bulk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.QueryParameters;
import org.peerbridge.server.http.RefusedInput;
import org.peerbridge.server.refusal.Refusal;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.LastUpdatedSql;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequest;
import org.peerbridge.server.search.SearchRequest.LastUpdatedCriterion;
import org.peerbridge.server.search.SearchRequestParser;

/**
 * The {@code _typeFilter} values of an export: each is {@code Type?query}, and a resource of a filtered type
 * is exported when it meets every criterion of at least one of its type's queries. The criteria are
 * {@code _lastUpdated} with the search prefixes, judged on the version exported; anything else is refused
 * (400) rather than ignored, so a client never receives more than it asked for.
 */
final class TypeFilters {

    private final Map<String, List<List<LastUpdatedCriterion>>> byType;

    private TypeFilters(Map<String, List<List<LastUpdatedCriterion>>> byType) {
        this.byType = byType;
    }

    static TypeFilters none() {
        return new TypeFilters(Map.of());
    }

    /**
     * @param values    the _typeFilter values as given, each with its location (http._typeFilter, Parameters.parameter[n].value)
     * @param exported  the types the export holds: a filter on any other type is refused
     */
    static TypeFilters parse(List<Located> values, Collection<String> exported, SearchRequestParser parser) {
        Map<String, List<List<LastUpdatedCriterion>>> byType = new LinkedHashMap<>();
        for (Located value : values) {
            int question = value.text().indexOf('?');
            String type = question < 0 ? value.text() : value.text().substring(0, question);
            if (question < 0 || !exported.contains(type)) {
                throw Refusals.badRequest(IssueType.INVALID, value.location(), "_typeFilter must be Type?query with a type this export holds ("
                        + String.join(", ", exported) + "); '" + value.text() + "' is not");
            }
            Map<String, String[]> query = new LinkedHashMap<>();
            try {
                QueryParameters.parse(value.text().substring(question + 1)).forEach((name, given) -> query.put(name, given.toArray(String[]::new)));
            } catch (RefusedInput broken) {
                throw Refusals.badRequest(broken.code(), value.location(), broken.getMessage());
            }
            if (query.isEmpty() || !query.keySet().stream().allMatch(SearchParameterRegistry.LAST_UPDATED::equals)) {
                throw Refusals.badRequest(IssueType.NOTSUPPORTED, value.location(), "_typeFilter supports _lastUpdated only (e.g. " + type
                        + "?_lastUpdated=gt2026-01-01T00:00:00Z); '" + value.text() + "' asks for more");
            }
            SearchRequest criteria;
            try {
                criteria = parser.parse(type, query);
            } catch (Refusal refused) {
                throw Refusals.badRequest(IssueType.INVALID, value.location(), "_typeFilter '" + value.text() + "': " + refused.getMessage());
            }
            List<LastUpdatedCriterion> all = criteria.criteria().stream().map(LastUpdatedCriterion.class::cast).toList();
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(all);
        }
        return new TypeFilters(byType);
    }

    /** A _typeFilter value and where it was given. */
    record Located(String text, String location) { }

    /** " AND (one query's criteria OR another's ...)" on {@code column} for a filtered type; "" for a type without filters. */
    String condition(String type, String column, List<Object> args) {
        List<List<LastUpdatedCriterion>> queries = byType.get(type);
        if (queries == null) {
            return "";
        }
        List<String> alternatives = new ArrayList<>();
        for (List<LastUpdatedCriterion> query : queries) {
            alternatives.add(String.join(" AND ", query.stream().map(c -> LastUpdatedSql.condition(c, column, args)).toList()));
        }
        return " AND ((" + String.join(") OR (", alternatives) + "))";
    }
}
