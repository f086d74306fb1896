package org.peerbridge.server.security.audit;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.peerbridge.server.rest.PageBundleProvider;
import org.peerbridge.server.refusal.Refusals;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.storage.Database;

/** The audit trail, read-only: GET AuditEvent/{id} and GET AuditEvent?date=&agent=&altid=&entity=&outcome= (admin scope only). */
public final class AuditEventProvider implements IResourceProvider {

    private final Database database;
    private final SearchRequestParser parser;
    private final AuditEvents events = new AuditEvents();

    public AuditEventProvider(Database database, SearchRequestParser parser) {
        this.database = database;
        this.parser = parser;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        return database.inTransaction(c -> events.read(c, id.getIdPart())).orElseThrow(() -> Refusals.notFound("AuditEvent", id.getIdPart()));
    }

    @Create
    public MethodOutcome create(@ResourceParam AuditEvent event) {
        throw readOnly();
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam AuditEvent event) {
        throw readOnly();
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id) {
        throw readOnly();
    }

    private static RuntimeException readOnly() {
        return Refusals.methodNotAllowed("The audit trail is written by the server and read-only");
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request) {
        var searchRequest = parser.parse("AuditEvent", request.getParameters());
        AuditEvents.Page page = database.inTransaction(c -> events.search(c, searchRequest));
        return new PageBundleProvider(page.total(), page.events(), List.of());
    }
}
