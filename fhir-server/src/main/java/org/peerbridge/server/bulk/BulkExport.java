package org.peerbridge.server.bulk;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.storage.ResourceIndexer;
import org.peerbridge.server.storage.ResourceStore;

/**
 * Bulk Data export (FHIR Bulk Data Access IG STU2, docs/bulk-data.md) assembled in one place: the kick-off
 * operations, the status and file servlet, the CapabilityStatement entries and the background worker that
 * PeerBridgeServer starts and stops.
 */
public final class BulkExport implements AutoCloseable {

    public static final String CAPABILITY_STATEMENT = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";
    public static final String SYSTEM_EXPORT = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export";
    public static final String PATIENT_EXPORT = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export";
    public static final String GROUP_EXPORT = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export";

    private final ResourceStore store;
    private final ExportTypes types;
    private final SearchRequestParser parser;
    private final ExportJobs jobs = new ExportJobs();
    private final ExportFiles files = new ExportFiles();
    private final ExportWorker worker;

    /**
     * @param systemTypes      the types a system-level export may hold
     * @param compartmentTypes the patient compartment's types, for Patient- and Group-level exports
     */
    public BulkExport(ResourceStore store, ResourceIndexer indexer, SearchRequestParser parser, JobScopes scopes,
            List<String> systemTypes, List<String> compartmentTypes, BulkExportSettings settings) {
        this.store = store;
        this.parser = parser;
        this.types = new ExportTypes(systemTypes.stream().filter(type -> !type.equals("Subscription")).toList(), compartmentTypes);
        VersionCompartment compartment = new VersionCompartment(store.codec(), indexer);
        ExportRun run = new ExportRun(store.database(), jobs, files, new SnapshotPages(compartment), compartment,
                new ExportPace(settings.share()), settings.retention().toMillis());
        this.worker = new ExportWorker(store, jobs, run, scopes, job -> TypeFilters.parse(
                job.typeFilters().stream().map(text -> new TypeFilters.Located(text, "_typeFilter")).toList(), job.types(), parser),
                settings);
    }

    /** The kick-off operations, for HAPI's RestfulServer. */
    public Object operations() {
        return new ExportKickOff(store, jobs, types, parser);
    }

    /** The status and file URLs under /fhir{@value ExportStatusServlet#PATH}, behind the API's filters. */
    public void install(ServletContextHandler context, ErrorAnswerWriter outcomes, Function<HttpServletRequest, String> publicBase) {
        context.addServlet(new ServletHolder("bulk-export", new ExportStatusServlet(store.database(), jobs, files, outcomes, publicBase)),
                "/fhir" + ExportStatusServlet.PATH + "/*");
    }

    /** Declares the Bulk Data IG's CapabilityStatement and its three export operations. */
    public void describe(CapabilityStatement capabilities) {
        capabilities.getInstantiates().add(new CanonicalType(CAPABILITY_STATEMENT));
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
        rest.addOperation().setName("export").setDefinition(SYSTEM_EXPORT);
        rest.getResource().stream().filter(resource -> resource.getType().equals("Patient"))
                .forEach(resource -> resource.addOperation().setName("export").setDefinition(PATIENT_EXPORT));
        rest.getResource().stream().filter(resource -> resource.getType().equals("Group"))
                .forEach(resource -> resource.addOperation().setName("export").setDefinition(GROUP_EXPORT));
    }

    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}
