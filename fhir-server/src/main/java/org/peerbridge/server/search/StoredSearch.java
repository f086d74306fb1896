package org.peerbridge.server.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.storage.UnitOfWork;

/** Searches the server makes for itself inside a write, with the same parameters a client would use. */
public final class StoredSearch {

    private final SearchService search;
    private final SearchRequestParser parser;

    public StoredSearch(SearchService search, SearchRequestParser parser) {
        this.search = search;
        this.parser = parser;
    }

    /** The first page of {@code type?query}, e.g. ("Observation", "derived-from=QuestionnaireResponse/1"). */
    public List<Resource> find(UnitOfWork uow, String type, String query) throws SQLException {
        return find(uow.connection(), type, query);
    }

    /** The same, on a read-only connection, as the caller's {@link org.peerbridge.server.storage.ReadScope} sees it. */
    public List<Resource> find(Connection c, String type, String query) throws SQLException {
        return page(c, type, query).matches();
    }

    /** The page of {@code type?query} with its total and {@code _include}d resources, as the caller's read scope sees it. */
    public SearchService.SearchResult page(Connection c, String type, String query) throws SQLException {
        return search.search(c, parser.parse(type, QueryString.parse(query, "internal search")));
    }
}
