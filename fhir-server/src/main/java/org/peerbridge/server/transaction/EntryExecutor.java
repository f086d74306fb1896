package org.peerbridge.server.transaction;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.QueryString;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.storage.UnitOfWork;
import org.peerbridge.server.write.ResourceWriter;

/** Carries out one Bundle entry inside a unit of work and describes the result as a response entry. */
public final class EntryExecutor {

    private final ResourceWriter writer;
    private final SearchRequestParser parser;
    private final SearchService search;

    public EntryExecutor(ResourceWriter writer, SearchRequestParser parser, SearchService search) {
        this.writer = writer;
        this.parser = parser;
        this.search = search;
    }

    /** The id a transaction gave a POST entry up front, and the existing resource it matched, if any. */
    record Assigned(String id, Optional<Resource> existing) { }

    /** Runs one entry; {@code assigned} is null in a batch, where each entry is looked up on its own. */
    BundleEntryComponent execute(UnitOfWork uow, BundleEntryComponent entry, int index, Assigned assigned) throws SQLException {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        String location = EntryRequest.location(index);
        return switch (request.getMethod()) {
            case POST -> {
                if (assigned != null && assigned.existing().isPresent()) {
                    yield written(assigned.existing().get(), "200 OK");
                }
                ResourceWriter.WriteResult stored = assigned == null
                        ? writer.create(uow, entry.getResource(), request.getIfNoneExist(), location)
                        : writer.createNew(uow, entry.getResource(), request.getIfNoneExist(), assigned.id(), location);
                yield written(stored.resource(), stored.created() ? "201 Created" : "200 OK");
            }
            case PUT -> {
                IdType target = instanceUrl(request.getUrl(), index);
                String expected = request.hasIfMatch() ? request.getIfMatch().replaceAll("^W/\"|\"$", "") : null;
                ResourceWriter.WriteResult stored = writer.update(uow, target.getIdPart(), entry.getResource(), expected, location);
                yield written(stored.resource(), stored.created() ? "201 Created" : "200 OK");
            }
            case DELETE -> {
                IdType target = instanceUrl(request.getUrl(), index);
                writer.delete(uow, target.getResourceType(), target.getIdPart());
                BundleEntryComponent response = new BundleEntryComponent();
                response.getResponse().setStatus("204 No Content");
                yield response;
            }
            case GET -> read(uow, request.getUrl(), index);
            default -> throw new IllegalStateException("checked by EntryRequest.checkShape");
        };
    }

    private BundleEntryComponent read(UnitOfWork uow, String url, int index) throws SQLException {
        BundleEntryComponent response = new BundleEntryComponent();
        int question = url.indexOf('?');
        if (question >= 0) {
            String type = url.substring(0, question);
            SearchService.SearchResult result = search.search(uow.connection(),
                    parser.parse(type, QueryString.parse(url.substring(question + 1), "Bundle.entry[" + index + "].request.url")));
            Bundle searchset = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(result.total());
            result.matches().forEach(match -> searchset.addEntry().setResource(match).getSearch().setMode(Bundle.SearchEntryMode.MATCH));
            result.included().forEach(inc -> searchset.addEntry().setResource(inc).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE));
            response.setResource(searchset).getResponse().setStatus("200 OK");
            return response;
        }
        IdType target = instanceUrl(url, index);
        Resource resource = uow.readVisible(target.getResourceType(), target.getIdPart())
                .orElseThrow(() -> Refusals.notFound(target.getResourceType(), target.getIdPart()));
        return written(resource, "200 OK");
    }

    private static IdType instanceUrl(String url, int index) {
        IdType id = new IdType(url);
        if (!id.hasResourceType() || !id.hasIdPart()) {
            throw Refusals.badRequest(IssueType.NOTSUPPORTED, "Bundle.entry[" + index + "].request.url",
                    "'" + url + "' must name one resource as Type/id (conditional updates and deletes are not supported)");
        }
        return id;
    }

    private static BundleEntryComponent written(Resource resource, String status) {
        BundleEntryComponent response = new BundleEntryComponent();
        response.setFullUrl(resource.getIdElement().toVersionless().getValue());
        response.setResource(resource);
        response.getResponse()
                .setStatus(status)
                .setLocation(resource.getIdElement().getValue())
                .setEtag("W/\"" + resource.getMeta().getVersionId() + "\"")
                .setLastModified(resource.getMeta().getLastUpdated() != null ? resource.getMeta().getLastUpdated() : new Date());
        return response;
    }
}
