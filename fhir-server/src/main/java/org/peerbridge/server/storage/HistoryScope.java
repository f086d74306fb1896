package org.peerbridge.server.storage;

import java.util.List;

/** Which history a _history request reads: one instance, one type, or everything; optionally since an instant. */
public record HistoryScope(String type, String id, Long sinceMillis, Long atMillis) {

    void appendWhere(StringBuilder sql, List<Object> args) {
        String joiner = " WHERE ";
        if (type != null) {
            sql.append(joiner).append("res_type = ?");
            args.add(type);
            joiner = " AND ";
        }
        if (id != null) {
            sql.append(joiner).append("res_id = ?");
            args.add(id);
            joiner = " AND ";
        }
        if (sinceMillis != null) {
            sql.append(joiner).append("last_updated >= ?");
            args.add(sinceMillis);
            joiner = " AND ";
        }
        if (atMillis != null) {
            sql.append(joiner).append("last_updated <= ?");
            args.add(atMillis);
        }
    }
}
