package org.peerbridge.server.storage;

import java.util.List;

/** Which history a _history request reads: one instance, one type, or everything; optionally since an instant. */
public record HistoryScope(String type, String id, Long sinceMillis, Long atMillis) {

    /** Appends the WHERE clause over either table of versions, as h: the bounds asked for, and only what the caller's {@link ReadScope} may see. */
    void appendWhere(StringBuilder sql, List<Object> args) {
        sql.append(" WHERE TRUE");
        if (type != null) {
            sql.append(" AND res_type = ?");
            args.add(type);
        }
        if (id != null) {
            sql.append(" AND res_id = ?");
            args.add(id);
        }
        if (sinceMillis != null) {
            sql.append(" AND last_updated >= ?");
            args.add(sinceMillis);
        }
        if (atMillis != null) {
            sql.append(" AND last_updated <= ?");
            args.add(atMillis);
        }
        ReadScope.current().appendFilter(sql, args, type, "h.res_type", "h.res_id");
    }
}
