package org.peerbridge.server.security.audit;

import java.util.ArrayList;
import java.util.List;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.SearchRequest;
import org.peerbridge.server.search.SearchRequest.Criterion;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A parsed AuditEvent search as SQL over the indexed columns of audit_event and audit_entity: date
 * (recorded), agent (the organization), altid (the client), entity (a resource touched), outcome,
 * subtype, action and _id. Sorted by {@code _sort} (date or _id, either direction); newest first by default.
 */
final class AuditQuery {

    private final StringBuilder where = new StringBuilder("TRUE");
    private final List<Object> args = new ArrayList<>();
    private final String orderBy;

    AuditQuery(SearchRequest request) {
        for (Criterion criterion : request.criteria()) {
            where.append(" AND ");
            append(criterion);
        }
        orderBy = orderBy(request.sort());
    }

    String countSql() {
        return "SELECT COUNT(*) FROM audit_event e WHERE " + where;
    }

    String pageSql() {
        return "SELECT " + AuditEvents.COLUMNS + " FROM audit_event e WHERE " + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
    }

    List<Object> args() {
        return args;
    }

    private void append(Criterion criterion) {
        if (criterion instanceof SearchRequest.DateCriterion c) {
            where.append("(");
            for (int i = 0; i < c.values().size(); i++) {
                SearchRequest.DateValue value = c.values().get(i);
                where.append(i > 0 ? " OR " : "").append(dateCondition(value));
            }
            where.append(")");
        } else if (criterion instanceof SearchRequest.TokenCriterion c) {
            String column = switch (c.param()) {
                case "altid" -> "e.client_id";
                case "outcome" -> "e.outcome";
                case "subtype" -> "e.subtype";
                case "action" -> "e.action";
                default -> throw unsupported(c.param());
            };
            String values = String.join(", ", c.values().stream().map(v -> "?").toList());
            // a refused request may have no subtype: ":not" must still match it
            where.append(c.negated() ? "(" + column + " IS NULL OR " + column + " NOT IN (" + values + "))" : column + " IN (" + values + ")");
            c.values().forEach(v -> args.add(v.code()));
        } else if (criterion instanceof SearchRequest.ReferenceCriterion c && c.param().equals("agent")) {
            where.append("e.organization IN (").append(String.join(", ", c.values().stream().map(v -> "?").toList())).append(")");
            c.values().forEach(v -> args.add("Organization/" + v.id()));
        } else if (criterion instanceof SearchRequest.ReferenceCriterion c && c.param().equals("entity")) {
            where.append("e.id IN (SELECT n.audit_id FROM audit_entity n WHERE ");
            for (int i = 0; i < c.values().size(); i++) {
                SearchRequest.ReferenceValue value = c.values().get(i);
                where.append(i > 0 ? " OR " : "").append("(n.res_id = ?");
                args.add(AuditTrail.storedId(value.id()));
                if (value.type() != null) {
                    where.append(" AND n.res_type = ?");
                    args.add(value.type());
                }
                where.append(")");
            }
            where.append(")");
        } else if (criterion instanceof SearchRequest.IdCriterion c) {
            where.append("e.id IN (").append(String.join(", ", c.ids().stream().map(v -> "?").toList())).append(")");
            args.addAll(c.ids());
        } else {
            throw unsupported(criterion.getClass().getSimpleName());
        }
    }

    /** The requested order, then the id so that pages never overlap. */
    private static String orderBy(List<SearchRequest.SortSpec> sort) {
        if (sort.isEmpty()) {
            return "e.recorded DESC, e.id";
        }
        List<String> columns = new ArrayList<>();
        for (SearchRequest.SortSpec spec : sort) {
            String column = switch (spec.param()) {
                case "date" -> "e.recorded";
                case "_id" -> "e.id";
                default -> throw Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + "_sort",
                        "AuditEvent can be sorted by date or _id, not " + spec.param());
            };
            columns.add(column + (spec.descending() ? " DESC" : ""));
        }
        if (sort.stream().noneMatch(spec -> spec.param().equals("_id"))) {
            columns.add("e.id");
        }
        return String.join(", ", columns);
    }

    private String dateCondition(SearchRequest.DateValue value) {
        long low = value.bounds().low();
        long high = value.bounds().high();
        String condition = switch (value.prefix()) {
            case EQ, AP -> "e.recorded >= ? AND e.recorded <= ?";
            case GT, SA -> "e.recorded > ?";
            case GE -> "e.recorded >= ?";
            case LT, EB -> "e.recorded < ?";
            case LE -> "e.recorded <= ?";
            case NE -> "NOT (e.recorded >= ? AND e.recorded <= ?)";
        };
        switch (value.prefix()) {
            case EQ, AP, NE -> {
                args.add(low);
                args.add(high);
            }
            case GT, SA, LE -> args.add(high);
            default -> args.add(low);
        }
        return "(" + condition + ")";
    }

    private static RuntimeException unsupported(String what) {
        return Refusals.badRequest(IssueType.NOTSUPPORTED, Refusals.HTTP_LOCATION + what, "AuditEvent cannot be searched by " + what);
    }
}
