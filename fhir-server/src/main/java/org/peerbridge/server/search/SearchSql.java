package org.peerbridge.server.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.peerbridge.server.search.SearchRequest.ChainCriterion;
import org.peerbridge.server.search.SearchRequest.Criterion;
import org.peerbridge.server.search.SearchRequest.DateCriterion;
import org.peerbridge.server.search.SearchRequest.DateValue;
import org.peerbridge.server.search.SearchRequest.IdCriterion;
import org.peerbridge.server.search.SearchRequest.LastUpdatedCriterion;
import org.peerbridge.server.search.SearchRequest.MissingCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceCriterion;
import org.peerbridge.server.search.SearchRequest.ReferenceValue;
import org.peerbridge.server.search.SearchRequest.SortSpec;
import org.peerbridge.server.search.SearchRequest.StringCriterion;
import org.peerbridge.server.search.SearchRequest.TokenCriterion;
import org.peerbridge.server.search.SearchRequest.TokenValue;
import org.peerbridge.server.storage.ReadScope;

/**
 * Turns a {@link SearchRequest} into SQL over the index tables, so every parameter is answered from
 * indexed columns and the work grows with the matches, not with the store.
 *
 * <p>The most selective criterion <em>drives</em> the query: its index rows are read first (one range
 * of an index B-tree, e.g. {@code idx_token_lookup} for {@code identifier=sys|value}) and joined to
 * {@code resource} by primary key. Every other criterion, and the caller's organization, is checked
 * per match with a correlated {@code EXISTS} on the index's owner key. Written as
 * {@code res_id IN (subquery)} instead, H2 reads every resource of the type and tests each one, and
 * an organization filter reads every row the organization has (docs/architecture.md shows both plans).
 * A search without a driving criterion reads the resources of the type (or those of the caller's
 * organization) in full, as it must.
 */
final class SearchSql {

    /**
     * The driver's ids joined to their resources. An outer join, because H2 never reorders one: with an inner join
     * and an {@code EXISTS} check in the WHERE clause (e.g. {@code Observation?based-on=…&category=survey}), H2
     * read every resource of the type first and probed the driver for each. {@code r.res_type = ?} in the WHERE
     * clause drops the (impossible) unmatched rows, so PostgreSQL plans it as the inner join it is.
     */
    private static final String DRIVEN_JOIN = "LEFT JOIN resource r ON r.res_id = m.res_id";

    private final String resourceType;
    private final Fragment from = new Fragment();
    private final Fragment where = new Fragment();

    SearchSql(SearchRequest request) {
        this(request.resourceType(), request.criteria());
    }

    private SearchSql(String resourceType, List<Criterion> criteria) {
        this.resourceType = resourceType;
        ReadScope scope = ReadScope.current();
        Optional<Criterion> driver = driver(criteria);
        boolean scopeDrives = driver.isEmpty() && scope.restricts(resourceType);
        if (driver.isPresent()) {
            from.text.append("(");
            appendDriver(from, driver.get());
            from.text.append(") m ").append(DRIVEN_JOIN);
        } else if (scopeDrives) {
            from.text.append("(");
            scope.appendVisibleIds(from.text, from.args, resourceType);
            from.text.append(") m ").append(DRIVEN_JOIN);
        } else {
            from.text.append("resource r");
        }
        where.text.append("r.res_type = ? AND r.deleted = FALSE");
        where.args.add(resourceType);
        for (Criterion criterion : criteria) {
            if (driver.isEmpty() || criterion != driver.get()) {
                where.text.append(" AND ");
                appendCheck(where, criterion);
            }
        }
        if (!scopeDrives) {
            scope.appendFilter(where.text, where.args, resourceType, "r.res_type", "r.res_id");
        }
    }

    /** SQL text with its arguments in order. */
    record Query(String sql, List<Object> args) { }

    Query count() {
        return new Query("SELECT COUNT(*) FROM " + from.text + " WHERE " + where.text, allArgs());
    }

    /** The ids of at most {@code limit} matches, without their bodies (conditional create needs no more). */
    Query ids(int limit) {
        List<Object> args = allArgs();
        args.add(limit);
        return new Query("SELECT r.res_id FROM " + from.text + " WHERE " + where.text + " ORDER BY r.res_id LIMIT ?", args);
    }

    Query page(List<SortSpec> sort, int count, int offset) {
        List<Object> pageArgs = allArgs();
        StringBuilder sql = new StringBuilder("SELECT r.res_type, r.res_id, r.version, r.last_updated, r.deleted, r.body FROM ")
                .append(from.text).append(" WHERE ").append(where.text).append(" ORDER BY ");
        for (SortSpec spec : sort) {
            sql.append(sortExpression(spec, pageArgs)).append(spec.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
        }
        sql.append("r.last_updated, r.res_id LIMIT ? OFFSET ?");
        pageArgs.add(count);
        pageArgs.add(offset);
        return new Query(sql.toString(), pageArgs);
    }

    private List<Object> allArgs() {
        List<Object> args = new ArrayList<>(from.args);
        args.addAll(where.args);
        return args;
    }

    /**
     * The criterion whose index rows are read first: ids, then chains and references (a few rows per
     * value), then tokens, strings and dates. Negations, :missing and _lastUpdated never drive.
     */
    private static Optional<Criterion> driver(List<Criterion> criteria) {
        Criterion best = null;
        for (Criterion criterion : criteria) {
            int rank = driverRank(criterion);
            if (rank > 0 && (best == null || rank > driverRank(best))) {
                best = criterion;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int driverRank(Criterion criterion) {
        if (criterion instanceof IdCriterion) {
            return 6;
        } else if (criterion instanceof ChainCriterion) {
            return 5;
        } else if (criterion instanceof ReferenceCriterion) {
            return 4;
        } else if (criterion instanceof TokenCriterion c) {
            return c.negated() ? 0 : 3;
        } else if (criterion instanceof StringCriterion) {
            return 2;
        } else if (criterion instanceof DateCriterion) {
            return 1;
        }
        return 0;
    }

    /** A query of the distinct ids (column res_id) of this type that meet the criterion, read from its index. */
    private void appendDriver(Fragment sql, Criterion criterion) {
        if (criterion instanceof IdCriterion c) {
            sql.text.append("SELECT x.res_id FROM resource x WHERE x.res_id IN (").append(placeholders(c.ids().size()))
                    .append(") AND x.res_type = ?");
            sql.args.addAll(c.ids());
            sql.args.add(resourceType);
        } else if (criterion instanceof ChainCriterion c) {
            SearchSql target = new SearchSql(c.targetType(), List.of(c.target()));
            sql.text.append("SELECT DISTINCT i.res_id FROM (SELECT r.res_id FROM ").append(target.from.text)
                    .append(" WHERE ").append(target.where.text).append(") c JOIN idx_reference i ON i.target_id = c.res_id")
                    .append(" AND i.target_type = ? WHERE i.res_type = ? AND i.param = ?");
            sql.args.addAll(target.allArgs());
            sql.args.add(c.targetType());
            sql.args.add(resourceType);
            sql.args.add(c.param());
        } else {
            sql.text.append("SELECT DISTINCT i.res_id FROM ").append(indexTable(criterion)).append(" i WHERE ");
            appendIndexCondition(sql, criterion);
        }
    }

    /** A condition on the candidate row r: correlated with r's id, so it reads only that resource's index rows. */
    private void appendCheck(Fragment sql, Criterion criterion) {
        if (criterion instanceof IdCriterion c) {
            sql.text.append("r.res_id IN (").append(placeholders(c.ids().size())).append(")");
            sql.args.addAll(c.ids());
        } else if (criterion instanceof LastUpdatedCriterion c) {
            sql.text.append(lastUpdated(c, "r.last_updated", sql.args));
        } else if (criterion instanceof MissingCriterion c) {
            sql.text.append(c.missing() ? "NOT EXISTS (" : "EXISTS (").append("SELECT 1 FROM ").append(table(c.type()))
                    .append(" i WHERE i.res_id = r.res_id AND i.res_type = ? AND i.param = ?)");
            sql.args.add(resourceType);
            sql.args.add(c.param());
        } else if (criterion instanceof ChainCriterion c) {
            SearchSql target = new SearchSql(c.targetType(), List.of(c.target()));
            sql.text.append("EXISTS (SELECT 1 FROM idx_reference i WHERE i.res_id = r.res_id AND i.res_type = ? AND i.param = ?")
                    .append(" AND i.target_type = ? AND i.target_id IN (SELECT r.res_id FROM ").append(target.from.text)
                    .append(" WHERE ").append(target.where.text).append("))");
            sql.args.add(resourceType);
            sql.args.add(c.param());
            sql.args.add(c.targetType());
            sql.args.addAll(target.allArgs());
        } else {
            boolean negated = criterion instanceof TokenCriterion c && c.negated();
            sql.text.append(negated ? "NOT EXISTS (" : "EXISTS (").append("SELECT 1 FROM ").append(indexTable(criterion))
                    .append(" i WHERE i.res_id = r.res_id AND ");
            appendIndexCondition(sql, criterion);
            sql.text.append(")");
        }
    }

    private static String indexTable(Criterion criterion) {
        if (criterion instanceof TokenCriterion) {
            return "idx_token";
        } else if (criterion instanceof StringCriterion) {
            return "idx_string";
        } else if (criterion instanceof DateCriterion) {
            return "idx_date";
        } else if (criterion instanceof ReferenceCriterion) {
            return "idx_reference";
        }
        throw new IllegalArgumentException("No index table for " + criterion);
    }

    /** "i.res_type = ? AND i.param = ? AND (value OR value ...)" over the criterion's index table, aliased i. */
    private void appendIndexCondition(Fragment sql, Criterion criterion) {
        sql.text.append("i.res_type = ? AND i.param = ? AND (");
        sql.args.add(resourceType);
        if (criterion instanceof TokenCriterion c) {
            sql.args.add(c.param());
            joinOr(sql, c.values(), value -> appendToken(sql, value));
        } else if (criterion instanceof StringCriterion c) {
            sql.args.add(c.param());
            joinOr(sql, c.values(), value -> appendString(sql, c.match(), value));
        } else if (criterion instanceof DateCriterion c) {
            sql.args.add(c.param());
            joinOr(sql, c.values(), value -> appendDate(sql, "i.low", "i.high", value));
        } else if (criterion instanceof ReferenceCriterion c) {
            sql.args.add(c.param());
            joinOr(sql, c.values(), value -> appendReference(sql, value));
        }
        sql.text.append(")");
    }

    private static void appendToken(Fragment sql, TokenValue value) {
        sql.text.append("(i.code = ?");
        sql.args.add(value.code());
        if (value.systemGiven()) {
            if (value.system() == null) {
                sql.text.append(" AND i.sys IS NULL");
            } else {
                sql.text.append(" AND i.sys = ?");
                sql.args.add(value.system());
            }
        }
        sql.text.append(")");
    }

    private static void appendString(Fragment sql, SearchRequest.StringMatch match, String value) {
        switch (match) {
            case EXACT -> {
                sql.text.append("i.value_exact = ?");
                sql.args.add(value);
            }
            case CONTAINS -> {
                sql.text.append("i.value_norm LIKE ? ESCAPE '\\'");
                sql.args.add("%" + escapeLike(TextNormalizer.normalize(value)) + "%");
            }
            case STARTS_WITH -> {
                sql.text.append("i.value_norm LIKE ? ESCAPE '\\'");
                sql.args.add(escapeLike(TextNormalizer.normalize(value)) + "%");
            }
        }
    }

    private static void appendReference(Fragment sql, ReferenceValue value) {
        sql.text.append("(i.target_id = ?");
        sql.args.add(value.id());
        if (value.type() != null) {
            sql.text.append(" AND i.target_type = ?");
            sql.args.add(value.type());
        }
        sql.text.append(")");
    }

    /** "(value OR value ...)" of a _lastUpdated criterion on a column of epoch milliseconds; its arguments go to {@code args}. */
    static String lastUpdated(LastUpdatedCriterion criterion, String column, List<Object> args) {
        Fragment sql = new Fragment();
        sql.text.append("(");
        joinOr(sql, criterion.values(), value -> appendDate(sql, column, column, value));
        sql.text.append(")");
        args.addAll(sql.args);
        return sql.text.toString();
    }

    /** FHIR date prefixes compare the target's range [low, high] with the searched value's range. */
    private static void appendDate(Fragment sql, String low, String high, DateValue value) {
        long searchLow = value.bounds().low();
        long searchHigh = value.bounds().high();
        switch (value.prefix()) {
            case EQ -> sql.range(low + " >= ? AND " + high + " <= ?", searchLow, searchHigh);
            case NE -> sql.range("NOT (" + low + " >= ? AND " + high + " <= ?)", searchLow, searchHigh);
            case GT -> sql.range(high + " > ?", searchHigh);
            case LT -> sql.range(low + " < ?", searchLow);
            case GE -> sql.range(high + " >= ?", searchLow);
            case LE -> sql.range(low + " <= ?", searchHigh);
            case SA -> sql.range(low + " > ?", searchHigh);
            case EB -> sql.range(high + " < ?", searchLow);
            case AP -> {
                // "approximately": within 10% of the distance between the value and now, at least a day
                long slack = Math.max(86_400_000L, Math.abs(System.currentTimeMillis() - searchLow) / 10);
                sql.range(low + " <= ? AND " + high + " >= ?", searchHigh + slack, searchLow - slack);
            }
        }
    }

    private static <T> void joinOr(Fragment sql, List<T> values, Consumer<T> appender) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sql.text.append(" OR ");
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

    /** A piece of SQL text and its arguments, in order. */
    private static final class Fragment {
        final StringBuilder text = new StringBuilder();
        final List<Object> args = new ArrayList<>();

        void range(String condition, long... values) {
            text.append("(").append(condition).append(")");
            for (long v : values) {
                args.add(v);
            }
        }
    }
}
