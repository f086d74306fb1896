package org.peerbridge.server.search;

import java.util.List;
import org.peerbridge.server.search.SearchRequest.LastUpdatedCriterion;

/**
 * The SQL of a {@code _lastUpdated} criterion for queries built outside search (a Bulk Data export's
 * {@code _typeFilter} over the versions it exports), with the prefixes exactly as a search applies them.
 */
public final class LastUpdatedSql {

    private LastUpdatedSql() {
    }

    /** "(value OR value ...)" on {@code column} (epoch milliseconds); the values' arguments are appended to {@code args}. */
    public static String condition(LastUpdatedCriterion criterion, String column, List<Object> args) {
        return SearchSql.lastUpdated(criterion, column, args);
    }
}
