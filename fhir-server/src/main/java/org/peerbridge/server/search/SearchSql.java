package org.peerbridge.server.search;

import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.search.SearchRequest.Criterion;
import org.peerbridge.server.search.SearchRequest.DateValue;
import org.peerbridge.server.search.SearchRequest.ReferenceValue;
import org.peerbridge.server.search.SearchRequest.SortSpec;
import org.peerbridge.server.search.SearchRequest.TokenValue;

/**
 * Turns a {@link SearchRequest} into SQL over the index tables. Each criterion becomes
 * "r.res_id IN (select from one index table)", so every parameter is answered from indexed columns.
 */
final class SearchSql {

    private final StringBuilder where = new StringBuilder("r.res_type = ? AND r.deleted = FALSE");
    private final List<Object> args = new ArrayList<>();
    private final String resourceType;

    SearchSql(SearchRequest request) {
        resourceType = request.resourceType();
        args.add(resourceType);
        for (Criterion criterion : request.criteria()) {
            where.append(" AND ");
            append(criterion);
        }
        ReadScope.current().appendFilter(where, args, resourceType, "r.res_type", "r.res_id");
    }

    /** SQL text with its arguments in order. */
    record Query(String sql, List<Object> args) { }

    Query count() {
        return new Query("SELECT COUNT(*) FROM resource r WHERE " + where, args);
    }

    Query page(List<SortSpec> sort, int count, int offset) {
        List<Object> pageArgs = new ArrayList<>(args);
        StringBuilder sql = new StringBuilder("SELECT r.res_type, r.res_id, r.version, r.last_updated, r.deleted, r.body"
                + " FROM resource r WHERE ").append(where).append(" ORDER BY ");
        for (SortSpec spec : sort) {
            sql.append(sortExpression(spec, pageArgs)).append(spec.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
        }
        sql.append("r.last_updated, r.res_id LIMIT ? OFFSET ?");
        pageArgs.add(count);
        pageArgs.add(offset);
        return new Query(sql.toString(), pageArgs);
    }

    private void append(Criterion criterion) {
        if (criterion instanceof SearchRequest.TokenCriterion c) {
            where.append(c.negated() ? "r.res_id NOT IN (" : "r.res_id IN (");
            openIndex("idx_token", c.param());
            joinOr(c.values(), this::appendToken);
            where.append("))");
        } else if (criterion instanceof SearchRequest.StringCriterion c) {
            where.append("r.res_id IN (");
            openIndex("idx_string", c.param());
            joinOr(c.values(), value -> appendString(c.match(), value));
            where.append("))");
        } else if (criterion instanceof SearchRequest.DateCriterion c) {
            where.append("r.res_id IN (");
            openIndex("idx_date", c.param());
            joinOr(c.values(), value -> appendDate("i.low", "i.high", value));
            where.append("))");
        } else if (criterion instanceof SearchRequest.ReferenceCriterion c) {
            where.append("r.res_id IN (");
            openIndex("idx_reference", c.param());
            joinOr(c.values(), this::appendReference);
            where.append("))");
        } else if (criterion instanceof SearchRequest.MissingCriterion c) {
            where.append(c.missing() ? "r.res_id NOT IN (" : "r.res_id IN (")
                    .append("SELECT i.res_id FROM ").append(table(c.type()))
                    .append(" i WHERE i.res_type = ? AND i.param = ?)");
            args.add(resourceType);
            args.add(c.param());
        } else if (criterion instanceof SearchRequest.IdCriterion c) {
            where.append("r.res_id IN (").append(placeholders(c.ids().size())).append(")");
            args.addAll(c.ids());
        } else if (criterion instanceof SearchRequest.LastUpdatedCriterion c) {
            where.append("(");
            joinOr(c.values(), value -> appendDate("r.last_updated", "r.last_updated", value));
            where.append(")");
        }
    }

    /** Uncorrelated (the type is a parameter, not r.res_type): the database runs the subquery once, on its index. */
    private void openIndex(String table, String param) {
        where.append("SELECT i.res_id FROM ").append(table).append(" i WHERE i.res_type = ? AND i.param = ? AND (");
        args.add(resourceType);
        args.add(param);
    }

    private void appendToken(TokenValue value) {
        where.append("(i.code = ?");
        args.add(value.code());
        if (value.systemGiven()) {
            if (value.system() == null) {
                where.append(" AND i.sys IS NULL");
            } else {
                where.append(" AND i.sys = ?");
                args.add(value.system());
            }
        }
        where.append(")");
    }

    private void appendString(SearchRequest.StringMatch match, String value) {
        switch (match) {
            case EXACT -> {
                where.append("i.value_exact = ?");
                args.add(value);
            }
            case CONTAINS -> {
                where.append("i.value_norm LIKE ? ESCAPE '\\'");
                args.add("%" + escapeLike(TextNormalizer.normalize(value)) + "%");
            }
            case STARTS_WITH -> {
                where.append("i.value_norm LIKE ? ESCAPE '\\'");
                args.add(escapeLike(TextNormalizer.normalize(value)) + "%");
            }
        }
    }

    private void appendReference(ReferenceValue value) {
        where.append("(i.target_id = ?");
        args.add(value.id());
        if (value.type() != null) {
            where.append(" AND i.target_type = ?");
            args.add(value.type());
        }
        where.append(")");
    }

    /** FHIR date prefixes compare the target's range [low, high] with the searched value's range. */
    private void appendDate(String low, String high, DateValue value) {
        long searchLow = value.bounds().low();
        long searchHigh = value.bounds().high();
        switch (value.prefix()) {
            case EQ -> range(low + " >= ? AND " + high + " <= ?", searchLow, searchHigh);
            case NE -> range("NOT (" + low + " >= ? AND " + high + " <= ?)", searchLow, searchHigh);
            case GT -> range(high + " > ?", searchHigh);
            case LT -> range(low + " < ?", searchLow);
            case GE -> range(high + " >= ?", searchLow);
            case LE -> range(low + " <= ?", searchHigh);
            case SA -> range(low + " > ?", searchHigh);
            case EB -> range(high + " < ?", searchLow);
            case AP -> {
                // "approximately": within 10% of the distance between the value and now, at least a day
                long slack = Math.max(86_400_000L, Math.abs(System.currentTimeMillis() - searchLow) / 10);
                range(low + " <= ? AND " + high + " >= ?", searchHigh + slack, searchLow - slack);
            }
        }
    }

    private void range(String condition, long... values) {
        where.append("(").append(condition).append(")");
        for (long v : values) {
            args.add(v);
        }
    }

    private <T> void joinOr(List<T> values, java.util.function.Consumer<T> appender) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                where.append(" OR ");
            }
            appender.accept(values.get(i));
        }
    }

    private static String sortExpression(SortSpec spec, List<Object> pageArgs) {
        return switch (spec.param()) {
            case "_id" -> "r.res_id";
            case "_lastUpdated" -> "r.last_updated";
            default -> {
                String column = switch (spec.type()) {
                    case DATE -> spec.descending() ? "MAX(s.high)" : "MIN(s.low)";
                    case STRING -> "MIN(s.value_norm)";
                    case TOKEN -> "MIN(s.code)";
                    case REFERENCE -> "MIN(s.target_id)";
                };
                pageArgs.add(spec.param());
                yield "(SELECT " + column + " FROM " + table(spec.type())
                        + " s WHERE s.res_type = r.res_type AND s.res_id = r.res_id AND s.param = ?)";
            }
        };
    }

    static String table(SearchParamType type) {
        return switch (type) {
            case TOKEN -> "idx_token";
            case STRING -> "idx_string";
            case DATE -> "idx_date";
            case REFERENCE -> "idx_reference";
        };
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
