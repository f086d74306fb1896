package org.peerbridge.server.app;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.peerbridge.mapping.PublishedResources;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.mapping.population.ProgramOutcomesConformance;
import org.peerbridge.mapping.report.ReportConformance;
import org.peerbridge.server.bulk.BulkExport;
import org.peerbridge.server.bulk.JobScopes;
import org.peerbridge.server.health.HealthServlet;
import org.peerbridge.server.health.Readiness;
import org.peerbridge.server.http.FhirErrorHandler;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.http.RequestBodyFilter;
import org.peerbridge.server.http.RequestLineFilter;
import org.peerbridge.server.referral.ReferralTables;
import org.peerbridge.server.report.PatientEverythingOperation;
import org.peerbridge.server.population.ParticipantBackfill;
import org.peerbridge.server.population.ParticipantFigures;
import org.peerbridge.server.population.ParticipantRefresher;
import org.peerbridge.server.population.ProgramOutcomesOperation;
import org.peerbridge.server.population.ProgramOutcomesReports;
import org.peerbridge.server.report.ProgressReportOperation;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.rest.CapabilityStatementProvider;
import org.peerbridge.server.rest.CapabilityStatementProvider.ServedType;
import org.peerbridge.server.rest.FhirResourceProvider;
import org.peerbridge.server.rest.SystemProvider;
import org.peerbridge.server.rest.errors.ErrorAnswerInterceptor;
import org.peerbridge.server.rest.openapi.ApiExplorerServlet;
import org.peerbridge.server.rest.openapi.OpenApiServlet;
import org.peerbridge.server.rest.openapi.TokenEndpoint;
import org.peerbridge.server.search.IndexExtractor;
import org.peerbridge.server.search.PatientCompartment;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.search.SearchService;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.security.SecurityLayer;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.access.CallerFactory;
import org.peerbridge.server.security.auth.PublicUrls;
import org.peerbridge.server.security.auth.TokenService;
import org.peerbridge.server.security.auth.ClientRegistry;
import org.peerbridge.server.security.http.EdgeProtection;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.subscription.Subscriptions;
import org.peerbridge.server.storage.ResourceCodec;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.transaction.EntryExecutor;
import org.peerbridge.server.transaction.IntakeReplay;
import org.peerbridge.server.transaction.TransactionProcessor;
import org.peerbridge.server.validation.ResourceValidator;
import org.peerbridge.server.web.WebApp;
import org.peerbridge.server.write.ResourceWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the running service: one FhirContext, one validator, one connection pool, the HAPI
 * RestfulServer with PeerBridge's providers, all on embedded Jetty at /fhir.
 */
public final class PeerBridgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerBridgeServer.class);
    private static final long STOP_TIMEOUT_MS = 20_000;
    /**
     * On stop Jetty waits until every connection has closed, and gives an idle keep-alive one this long first, so
     * that a request already on its way over it still gets its 503. Jetty's default is a second, which every stop
     * waited in full while any client kept a connection open; a quarter of a second covers a request in transit.
     */
    private static final long SHUTDOWN_IDLE_TIMEOUT_MS = 250;
    /** The servlet name of HAPI's RestfulServer: the one whose request bodies are FHIR resources. */
    private static final String FHIR_SERVLET = "fhir";

    /** The resource types served, in CapabilityStatement order; the published profiles are read-only. */
    static final List<ServedType> SERVED_TYPES = List.of(
            new ServedType("Patient", false), new ServedType("ServiceRequest", false), new ServedType("Task", false),
            new ServedType("Condition", false), new ServedType("Consent", false), new ServedType("Practitioner", false),
            new ServedType("PractitionerRole", false), new ServedType("Organization", false),
            new ServedType("HealthcareService", false), new ServedType("Location", false),
            new ServedType("Encounter", false), new ServedType("Procedure", false),
            new ServedType("QuestionnaireResponse", false), new ServedType("Observation", false),
            new ServedType("Flag", false), new ServedType("Communication", false), new ServedType("Group", false),
            new ServedType("Subscription", false),
            new ServedType("DocumentReference", true),
            new ServedType("Questionnaire", true), new ServedType("StructureDefinition", true),
            new ServedType("ValueSet", true), new ServedType("CodeSystem", true), new ServedType("OperationDefinition", true),
            new ServedType("Measure", true), new ServedType("SearchParameter", true));

    private final Server jetty;
    private final Database database;
    private final SecurityLayer security;
    private final String baseUrl;
    private final Subscriptions subscriptions;
    private final BulkExport bulkExport;
    private final ParticipantRefresher participantRefresher;
    private final CompletableFuture<Void> validatorLoaded;
    private final Readiness readiness;
    private final Duration drainPeriod;

    private PeerBridgeServer(Server jetty, Database database, SecurityLayer security, String baseUrl, Subscriptions subscriptions,
            BulkExport bulkExport, ParticipantRefresher participantRefresher, CompletableFuture<Void> validatorLoaded, Readiness readiness, Duration drainPeriod) {
        this.readiness = readiness;
        this.drainPeriod = drainPeriod;
        this.jetty = jetty;
        this.database = database;
        this.security = security;
        this.baseUrl = baseUrl;
        this.subscriptions = subscriptions;
        this.bulkExport = bulkExport;
        this.participantRefresher = participantRefresher;
        this.validatorLoaded = validatorLoaded;
    }

    public static PeerBridgeServer start(ServerConfig config) {
        // The database (pool, migrations) opens on its own thread while this one loads the FHIR model.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(config.database()), PeerBridgeServer::startDaemon);
        Database database = null;
        Subscriptions subscriptions = null;
        SecurityLayer security = null;
        Assembled assembled = null;
        try {
            FhirContext fhirContext = FhirContext.forR4();
            fhirContext.setParserErrorHandler(new StrictErrorHandler()); // unknown elements are refused, never dropped
            SERVED_TYPES.forEach(type -> fhirContext.getResourceDefinition(type.name()));
            QuestionnaireCatalogue questionnaires = QuestionnaireCatalogue.load(fhirContext);
            Map<String, String> profileByType = PublishedResources.PROFILE_BY_TYPE;
            ResourceValidator validator = new ResourceValidator(fhirContext,
                    PublishedResources.definitions(fhirContext, questionnaires), profileByType, config.limits().validatorWait(),
                    () -> CallerContext.current().map(Caller::organization).orElse(""));
            // Now, beside the database's opening and Jetty's start: on two cores the load, the longest part of
            // the start-up, then ends soon after the first answer instead of seconds after it. Requests that
            // validate wait for it; metadata, reads and searches do not. The load's garbage grows the heap to
            // gigabytes; once it is done, the heap shrinks to what is live, and native memory is given back when idle.
            CompletableFuture<Void> validatorLoaded = validator.startLoading();
            validatorLoaded.thenRun(IdleHeap::shrink).thenRun(IdleNativeMemory::trimWhenIdle);
            database = opened(opening);
            subscriptions = new Subscriptions(config.subscriptions(), fhirContext);
            SearchParameterRegistry registry = SearchParameterRegistry.standard(fhirContext);
            security = new SecurityLayer(database, config.security(), config.programOrg(), config.baseUrl(), registry);
            AtomicReference<String> publicBase = new AtomicReference<>(config.baseUrl()); // known once the port is
            assembled = restfulServer(fhirContext, database, config, registry, security, subscriptions,
                    questionnaires, validator, profileByType, publicBase::get);
            Readiness readiness = new Readiness(database.dataSource(), validator::isLoaded, security::auditWritable);
            Server jetty = jetty(config, assembled, fhirContext, security, readiness);
            jetty.start();
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            String scheme = config.security().tlsKeystore() != null ? "https" : "http";
            String baseUrl = config.baseUrl() != null ? config.baseUrl() : scheme + "://localhost:" + port + "/fhir";
            publicBase.set(baseUrl);
            subscriptions.start(baseUrl);
            assembled.bulkExport().start();
            assembled.participantRefresher().start();
            return new PeerBridgeServer(jetty, database, security, baseUrl, subscriptions, assembled.bulkExport(),
                    assembled.participantRefresher(), validatorLoaded, readiness, config.drainPeriod());
        } catch (Exception e) {
            if (subscriptions != null) {
                subscriptions.close();
            }
            if (security != null) {
                security.close();
            }
            if (assembled != null) {
                assembled.bulkExport().close();
                assembled.participantRefresher().close();
            }
            if (database != null) {
                database.close();
            } else {
                opening.thenAccept(Database::close); // if it opens after all, close it
            }
            if (e instanceof DatabaseFailure failure) {
                throw failure.cause;
            }
            throw new IllegalStateException("PeerBridge failed to start: " + e.getMessage(), e);
        }
    }

    /** The opened database; its own failure is thrown as it would have been on this thread. */
    private static Database opened(CompletableFuture<Database> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw new DatabaseFailure(e.getCause() instanceof RuntimeException failure ? failure : e);
        }
    }

    /** Carries the database's own failure past the generic "failed to start" wrapping. */
    private static final class DatabaseFailure extends RuntimeException {
        private final RuntimeException cause;

        DatabaseFailure(RuntimeException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static void startDaemon(Runnable runnable) {
        Thread thread = new Thread(runnable, "database-open");
        thread.setDaemon(true);
        thread.start();
    }

    /** The FHIR API, its OpenAPI description, the Bulk Data export and the web pages, built on the same store, searches and reports. */
    private record Assembled(RestfulServer api, OpenApiServlet apiDocs, BulkExport bulkExport, ParticipantRefresher participantRefresher,
            WebApp web) { }

    private static Assembled restfulServer(FhirContext fhirContext, Database database, ServerConfig config,
            SearchParameterRegistry registry, SecurityLayer security, Subscriptions subscriptions,
            QuestionnaireCatalogue questionnaires, ResourceValidator validator, Map<String, String> profileByType,
            Supplier<String> publicBase) {
        ResourceCodec codec = new ResourceCodec(fhirContext);
        IndexExtractor indexer = new IndexExtractor(fhirContext, registry);
        ResourceStore store = new ResourceStore(database, indexer, codec);
        SearchService search = new SearchService(codec);
        SearchRequestParser parser = new SearchRequestParser(registry, fhirContext);
        ReferralTables referralTables = new ReferralTables();
        StoredSearch storedSearch = new StoredSearch(search, parser);
        ProgressReports reports = new ProgressReports(storedSearch, codec, config.programOrg());
        ResourceWriter writer = new ResourceWriter(search, parser,
                DomainWriteRules.all(referralTables, new StoredSearch(search, parser), questionnaires, reports, codec,
                        subscriptions.rules(), config.programOrg(), publicBase),
                security.actors());
        List<IBaseResource> published = PublishedResources.all(fhirContext, questionnaires);
        new StartupData(store, published, config.programOrg()).ensurePresent();
        security.bootstrap(config.dataDir(), config.programOrg());
        security.listenTo(store);
        subscriptions.listenTo(store); // after the access scopes: events go only to organizations that may see them
        ParticipantFigures participantFigures = new ParticipantFigures(referralTables, codec, config.programOrg());
        store.addVersionListener(participantFigures);
        new ParticipantBackfill(store, participantFigures).run();
        ParticipantRefresher participantRefresher = new ParticipantRefresher(store, participantFigures);

        TransactionProcessor transactions = new TransactionProcessor(store, writer, validator,
                new EntryExecutor(writer, parser, search), new IntakeReplay(referralTables, fhirContext), security.entryAuthorization(),
                config.limits().maxBundleEntries());

        RestfulServer server = new RestfulServer(fhirContext);
        for (ServedType type : SERVED_TYPES) {
            server.registerProvider(new FhirResourceProvider(
                    fhirContext.getResourceDefinition(type.name()).getImplementingClass().asSubclass(org.hl7.fhir.r4.model.Resource.class),
                    type.name(), type.readOnly(), store, writer, validator, parser, search));
        }
        server.registerProvider(new SystemProvider(transactions, store));
        server.registerProvider(subscriptions.operations());
        server.registerProvider(new ProgressReportOperation(store, reports));
        ProgramOutcomesReports outcomes = new ProgramOutcomesReports(store, participantRefresher, config.programOrg(), config.reports());
        server.registerProvider(new ProgramOutcomesOperation(outcomes));
        List<String> servedNames = SERVED_TYPES.stream().map(ServedType::name).toList();
        server.registerProvider(new PatientEverythingOperation(store, new PatientCompartment(codec), registry, servedNames));
        BulkExport bulkExport = new BulkExport(store, indexer, parser, exportScopes(security), servedNames,
                PatientCompartment.types(registry, servedNames), config.bulkExport());
        server.registerProvider(bulkExport.operations());
        CapabilityStatementProvider capabilities = new CapabilityStatementProvider(SERVED_TYPES, registry, profileByType,
                List.of(SecurityLayer.AUDIT_TYPE));
        capabilities.addOperation("ServiceRequest", "progress-report", ReportConformance.OPERATION_URL);
        capabilities.addOperation("Patient", "everything", ReportConformance.EVERYTHING_URL);
        capabilities.capabilities().getRestFirstRep().addOperation().setName("program-outcomes")
                .setDefinition(ProgramOutcomesConformance.OPERATION_URL);
        security.describe(capabilities.capabilities());
        subscriptions.describe(capabilities.capabilities());
        bulkExport.describe(capabilities.capabilities());
        server.setServerConformanceProvider(capabilities);
        server.registerInterceptor(new ErrorAnswerInterceptor());
        security.guard(server, parser);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPageSize(SearchRequestParser.DEFAULT_COUNT);
        if (config.baseUrl() != null) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(config.baseUrl()));
        }
        // The OpenAPI paths are under --base-url, or under /fhir of whichever host the reader reached.
        OpenApiServlet apiDocs = new OpenApiServlet(capabilities.capabilities(), server,
                published.stream().filter(OperationDefinition.class::isInstance).map(OperationDefinition.class::cast).toList(),
                config.baseUrl() != null ? config.baseUrl() : "/fhir",
                new TokenEndpoint(PublicUrls.TOKEN_PATH, PublicUrls.SMART_CONFIGURATION_PATH, TokenService.GRANT_TYPE, TokenService.ASSERTION_TYPE));
        return new Assembled(server, apiDocs, bulkExport, participantRefresher, new WebApp(security, store, reports, storedSearch, questionnaires, outcomes,
                publicBase));
    }

    /** An export is read as its client reads: the worker rebuilds the client's read scope from what the kick-off recorded. */
    private static JobScopes exportScopes(SecurityLayer security) {
        CallerFactory callers = security.callers();
        return (clientId, organization, scopes) -> callers.readScope(callers.caller(clientId, organization, ScopeSet.parse(scopes)));
    }

    private static Server jetty(ServerConfig config, Assembled assembled, FhirContext fhirContext, SecurityLayer security,
            Readiness readiness) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("peerbridge-http");
        Server jetty = new Server(threads);
        ServerConnector connector = EdgeProtection.connector(jetty, config.security(), config.port());
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
        jetty.addConnector(connector);
        // Jetty's own refusals (414, 431, 400 bad path, 408, 404 outside /fhir, failures in filters) as OperationOutcomes too.
        FhirErrorHandler errors = new FhirErrorHandler(fhirContext);
        jetty.setErrorHandler(errors);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(errors);
        context.addServlet(new ServletHolder("health", new HealthServlet(readiness)), "/health/*");
        assembled.web().installApiBaseRedirect(context);
        security.install(context, fhirContext);
        context.addFilter(new FilterHolder(new RequestLineFilter(fhirContext)), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new RequestBodyFilter(config.maxBodyBytes(), config.limits().minRequestDataRate(), FHIR_SERVLET,
                fhirContext)), "/fhir/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder fhirServlet = new ServletHolder(FHIR_SERVLET, assembled.api());
        fhirServlet.setInitOrder(1);
        context.addServlet(fhirServlet, "/fhir/*");
        context.addServlet(new ServletHolder("api-docs", assembled.apiDocs()), "/fhir" + OpenApiServlet.PATH);
        context.addServlet(new ServletHolder("api-explorer", new ApiExplorerServlet()), ApiExplorerServlet.PATH + "/*");
        assembled.bulkExport().install(context, new ErrorAnswerWriter(fhirContext), new PublicUrls(config.baseUrl())::base);
        assembled.web().install(context);

        // On stop, GracefulHandler refuses new requests and waits for the ones in flight.
        jetty.setHandler(new GracefulHandler(EdgeProtection.cors(config.security(), context)));
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        jetty.setStopAtShutdown(false);
        return jetty;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Completes once writes can be validated; until then reads, searches and metadata answer and writes wait. */
    public CompletableFuture<Void> validatorLoaded() {
        return validatorLoaded;
    }

    /** The registered clients (the {@code clients} command's view, for tests). */
    public ClientRegistry clients() {
        return security.clients();
    }

    /** The address listened on; null means every interface. */
    public String host() {
        return ((ServerConnector) jetty.getConnectors()[0]).getHost();
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /**
     * The SIGTERM path: reports not ready at once (a balancer stops sending new requests), keeps serving
     * for the drain period, then {@link #close() closes}, which finishes the requests in flight.
     */
    public void drainThenClose() {
        readiness.startDraining();
        LOG.info("Draining: not ready, serving for {} ms more", drainPeriod.toMillis());
        try {
            Thread.sleep(drainPeriod.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Finishes requests and notifications in flight, then closes the HTTP port and the connection pool. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly", e);
        } finally {
            subscriptions.close();
            bulkExport.close();
            participantRefresher.close();
            security.close();
            database.close();
        }
    }
}
