package org.peerbridge.server.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.Jdbc;
import org.peerbridge.server.storage.StoredVersion;

/** Runs parsed searches: the total, one page of matches, and the resources _include/_revinclude add. */
public final class SearchService {

    private final ResourceCodec codec;

    public SearchService(ResourceCodec codec) {
        this.codec = codec;
    }

    /** One page of a search; total counts every match, not just this page. */
    public record SearchResult(int total, List<Resource> matches, List<Resource> included) { }

    /**
     * The page first: when it is the last page (fewer rows than asked for, or none on the first page) it tells the
     * total too, so most searches, which fit in one page, run one query instead of two.
     */
    public SearchResult search(Connection c, SearchRequest request) throws SQLException {
        SearchSql sql = new SearchSql(request);
        List<StoredVersion> rows = request.count() == 0 ? List.of()
                : rows(c, sql.page(request.sort(), request.count(), request.offset()));
        boolean lastPage = request.count() > 0 && (rows.isEmpty() ? request.offset() == 0 : rows.size() < request.count());
        int total = lastPage ? request.offset() + rows.size() : count(c, sql.count());
        List<Resource> matches = new ArrayList<>();
        rows.forEach(row -> matches.add(codec.decode(row)));
        List<Resource> included = rows.isEmpty() ? List.of() : included(c, request, rows);
        return new SearchResult(total, matches, included);
    }

    /** The ids of live resources matching a request, for conditional create ("If-None-Exist"). */
    public List<String> matchingIds(Connection c, SearchRequest request) throws SQLException {
        SearchSql.Query query = new SearchSql(request).ids(2);
        return Jdbc.queryList(c, query.sql(), row -> row.getString(1), query.args().toArray());
    }

    private List<Resource> included(Connection c, SearchRequest request, List<StoredVersion> rows) throws SQLException {
        List<String> pageIds = rows.stream().map(StoredVersion::id).toList();
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(row -> seen.add(row.type() + "/" + row.id()));
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (SearchRequest.IncludeSpec include : request.includes()) {
            collect(c, wanted, "SELECT target_type, target_id FROM idx_reference WHERE res_type = ? AND param = ?"
                    + " AND res_id IN (" + SearchSql.placeholders(pageIds.size()) + ")", include, request.resourceType(), pageIds, true);
        }
        for (SearchRequest.IncludeSpec revInclude : request.revIncludes()) {
            collect(c, wanted, "SELECT res_type, res_id FROM idx_reference WHERE res_type = ? AND param = ?"
                    + " AND target_type = ? AND target_id IN (" + SearchSql.placeholders(pageIds.size()) + ")",
                    revInclude, request.resourceType(), pageIds, false);
        }
        List<Resource> included = new ArrayList<>();
        ReadScope readScope = ReadScope.current();
        for (Map.Entry<String, Set<String>> entry : wanted.entrySet()) {
            List<String> ids = entry.getValue().stream().filter(id -> seen.add(entry.getKey() + "/" + id)).toList();
            if (ids.isEmpty() || !readScope.canReadType(entry.getKey())) {
                continue; // an include never adds what the caller's scopes or organization may not read
            }
            List<Object> args = new ArrayList<>();
            args.add(entry.getKey());
            args.addAll(ids);
            StringBuilder sql = new StringBuilder("SELECT r.res_type, r.res_id, r.version, r.last_updated, r.deleted, r.body"
                    + " FROM resource r WHERE r.res_type = ? AND r.deleted = FALSE AND r.res_id IN (" + SearchSql.placeholders(ids.size()) + ")");
            readScope.appendFilter(sql, args, entry.getKey(), "r.res_type", "r.res_id");
            for (StoredVersion row : rows(c, new SearchSql.Query(sql + " ORDER BY r.res_id", args))) {
                included.add(codec.decode(row));
            }
        }
        return included;
    }

    private static void collect(Connection c, Map<String, Set<String>> wanted, String sql, SearchRequest.IncludeSpec spec,
            String searchedType, List<String> pageIds, boolean forward) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(forward ? searchedType : spec.sourceType());
        args.add(spec.param());
        if (!forward) {
            args.add(searchedType);
        }
        args.addAll(pageIds);
        Jdbc.forEach(c, sql, 0, row -> {
            String type = row.getString(1);
            if (!forward || spec.targetType() == null || spec.targetType().equals(type)) {
                wanted.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(row.getString(2));
            }
        }, args.toArray());
    }

    private static int count(Connection c, SearchSql.Query query) throws SQLException {
        return Jdbc.queryOne(c, query.sql(), row -> row.getInt(1), query.args().toArray()).orElseThrow();
    }

    private static List<StoredVersion> rows(Connection c, SearchSql.Query query) throws SQLException {
        return Jdbc.queryList(c, query.sql(), row -> new StoredVersion(row.getString(1), row.getString(2), row.getInt(3),
                row.getLong(4), row.getBoolean(5), null, row.getString(6)), query.args().toArray());
    }
}
