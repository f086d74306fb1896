package org.peerbridge.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.search.SearchParameterRegistry;
import org.peerbridge.server.search.SearchRequestParser;
import org.peerbridge.server.security.access.AccessScopeWriter;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.access.CallerFactory;
import org.peerbridge.server.security.access.RoleInterceptor;
import org.peerbridge.server.security.audit.AuditEventProvider;
import org.peerbridge.server.security.audit.AuditInterceptor;
import org.peerbridge.server.security.audit.AuditListener;
import org.peerbridge.server.security.audit.AuditTrail;
import org.peerbridge.server.security.audit.QueryRedaction;
import org.peerbridge.server.security.auth.AccessTokens;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.auth.ClientAdminEndpoint;
import org.peerbridge.server.security.auth.ClientRegistry;
import org.peerbridge.server.security.auth.EhrAdminEndpoint;
import org.peerbridge.server.security.auth.GrantCache;
import org.peerbridge.server.security.auth.PublicUrls;
import org.peerbridge.server.security.auth.SmartConfiguration;
import org.peerbridge.server.security.auth.TokenEndpoint;
import org.peerbridge.server.security.auth.TokenService;
import org.peerbridge.server.security.auth.UserAdminEndpoint;
import org.peerbridge.server.security.launch.EhrLaunch;
import org.peerbridge.server.security.launch.EhrRegistry;
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.WebSessions;
import org.peerbridge.server.security.http.AuditFilter;
import org.peerbridge.server.security.http.AuthenticationFilter;
import org.peerbridge.server.security.http.RateLimitSync;
import org.peerbridge.server.security.http.RateLimiter;
import org.peerbridge.server.security.http.SecurityHeadersFilter;
import org.peerbridge.server.security.scope.ScopeInterceptor;
import org.peerbridge.server.security.scope.ScopedEntries;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.transaction.EntryAuthorization;
import org.peerbridge.server.write.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that stands between a request and the data, assembled in one place: the SMART discovery
 * document and token endpoint, the audit and authentication filters in front of every FHIR request,
 * the scope check before every provider and Bundle entry, and the listeners that keep access scopes
 * and the audit trail in each write's transaction.
 */
public final class SecurityLayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityLayer.class);

    /** The audit trail's resource type: read and search only, for the admin scope. */
    public static final String AUDIT_TYPE = "AuditEvent";

    private final Database database;
    private final SecuritySettings config;
    private final ClientRegistry clients;
    private final AccessTokens tokens = new AccessTokens();
    private final GrantCache grants;
    private final AuditTrail audit;
    private final CallerFactory callers;
    private final PublicUrls urls;
    private final QueryRedaction redaction;
    private final Clock clock = Clock.systemUTC();
    private final String programOrganization;
    private final UserRegistry users;
    private final WebSessions webSessions;
    private final EhrRegistry ehrs;
    private final RateLimiter rateLimiter;
    private final RateLimitSync rateLimitSync;
    private final RoleInterceptor roles = new RoleInterceptor();

    public SecurityLayer(Database database, SecuritySettings config, String programOrganization, String baseUrl,
            SearchParameterRegistry registry) {
        this.database = database;
        this.config = config;
        this.grants = new GrantCache(database, tokens, clock);
        this.clients = new ClientRegistry(database, grants::revoked);
        this.audit = new AuditTrail(database);
        this.callers = new CallerFactory(programOrganization);
        this.urls = new PublicUrls(baseUrl);
        this.redaction = new QueryRedaction(registry);
        this.programOrganization = programOrganization;
        this.users = new UserRegistry(database);
        this.webSessions = new WebSessions(database);
        this.ehrs = new EhrRegistry(database);
        this.rateLimiter = new RateLimiter(config.rateLimitPerMinute(), clock::millis);
        this.rateLimitSync = RateLimitSync.start(database, rateLimiter);
    }

    /** The people who sign in to the web pages. */
    public UserRegistry users() {
        return users;
    }

    /** Their signed-in sessions. */
    public WebSessions webSessions() {
        return webSessions;
    }

    /** The EHR launch: the EHRs registered to launch PeerBridge, and the flow that opens a session for their users. */
    public EhrLaunch ehrLaunch(FhirContext fhirContext) {
        return new EhrLaunch(database, ehrs, fhirContext);
    }

    /** The server's public URLs (from --base-url, else from each request). */
    public PublicUrls urls() {
        return urls;
    }

    /** Who a caller is and what it may read, for the web pages as for the API. */
    public CallerFactory callers() {
        return callers;
    }

    /** The audit filter of the API, for the web pages: every page view leaves one AuditEvent. */
    public Filter pageAudit(FhirContext fhirContext) {
        return new AuditFilter(audit, redaction, new ErrorAnswerWriter(fhirContext));
    }

    /** Whether the audit trail can be written now (the readiness check): without it no answer leaves. */
    public boolean auditWritable() {
        return audit.writable();
    }

    public ClientRegistry clients() {
        return clients;
    }

    /** On a first start with authorization on: the admin client, and where its private key went. */
    public void bootstrap(Path dataDir, String programOrganization) {
        if (!config.authEnabled()) {
            LOG.warn("************************************************************************************");
            LOG.warn("*  --no-auth: AUTHORIZATION IS OFF. Every request acts as the program, unaudited  *");
            LOG.warn("*  by client. Listening on 127.0.0.1 only. Never use this with real patient data.  *");
            LOG.warn("************************************************************************************");
            return;
        }
        new AdminBootstrap(clients).ensureAdmin(dataDir, programOrganization).ifPresent(keyFile -> LOG.warn(
                "No client was registered: created the admin client '{}' (organization {}, scopes {}). Its private key is in {}"
                        + " (readable by this user only). Get a token with: java -jar peerbridge.jar token --client-id {} --key {}"
                        + " --server <FHIR base URL>. Register EHR clients with: java -jar peerbridge.jar clients add --help",
                AdminBootstrap.CLIENT_ID, programOrganization, AdminBootstrap.SCOPES, keyFile, AdminBootstrap.CLIENT_ID, keyFile));
    }

    /** Access scopes and audit rows are written in each write's transaction. */
    public void listenTo(ResourceStore store) {
        store.addVersionListener(new AccessScopeWriter());
        store.addVersionListener(new AuditListener(audit));
    }

    /** The scope and role checks before every provider, and the audit trail as a read-only AuditEvent endpoint. */
    public void guard(RestfulServer server, SearchRequestParser parser) {
        // an audit entity names the exact version written; HAPI strips versions from references unless told not to
        server.getFhirContext().getParserOptions().setDontStripVersionsFromReferencesAtPaths("AuditEvent.entity.what");
        server.registerInterceptor(new AuditInterceptor());
        server.registerInterceptor(new ScopeInterceptor());
        server.registerInterceptor(roles);
        server.registerProvider(new AuditEventProvider(database, parser));
    }

    /** Tells the CapabilityStatement that SMART Backend Services protects this server, and where to learn how. */
    public void describe(CapabilityStatement capabilities) {
        if (config.authEnabled()) {
            capabilities.getRestFirstRep().getSecurity().setCors(!config.corsOrigins().isEmpty())
                    .addService(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")))
                    .setDescription("SMART Backend Services (client_credentials with a private_key_jwt client assertion, RS384 or ES384);"
                            + " the token endpoint is in .well-known/smart-configuration. System scopes (v1 and v2) apply to every"
                            + " interaction; EHR clients see only their organization's referrals.");
        }
    }

    /**
     * Who the current request's writes are made for, as the write rules see it; outside a request (start-up
     * data) the server itself.
     */
    public Supplier<Actor> actors() {
        return () -> CallerContext.current().map(caller -> Actor.client(caller.role(), caller.organization())).orElse(Actor.SERVER);
    }

    /** Each Bundle entry, before any runs: its scope, then (for a GET entry) the caller's role; a write entry meets RoleRule. */
    public EntryAuthorization entryAuthorization() {
        ScopedEntries scopes = new ScopedEntries();
        return (entry, index) -> {
            scopes.check(entry, index);
            roles.check(entry, index);
        };
    }

    /** The filters in front of /fhir/* (audit first, so that refusals are audited too) and the SMART endpoints. */
    public void install(ServletContextHandler context, FhirContext fhirContext) {
        ErrorAnswerWriter errorAnswers = new ErrorAnswerWriter(fhirContext);
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new SecurityHeadersFilter(config.tlsKeystore() != null)), "/*", requests);
        context.addFilter(new FilterHolder(new AuditFilter(audit, redaction, errorAnswers)), "/fhir/*", requests);
        context.addFilter(new FilterHolder(new AuthenticationFilter(grants, callers, errorAnswers, clock, config.authEnabled(),
                rateLimiter)), "/fhir/*", requests);
        TokenService tokenService = new TokenService(database, clients, tokens, config.tokenLifetime(), clock);
        context.addServlet(new ServletHolder("token", new TokenEndpoint(tokenService, urls, errorAnswers)), "/fhir" + PublicUrls.TOKEN_PATH);
        context.addServlet(new ServletHolder("smart-configuration", new SmartConfiguration(urls)),
                "/fhir" + PublicUrls.SMART_CONFIGURATION_PATH);
        // a prefix mapping also matches the collection itself (no path info)
        context.addServlet(new ServletHolder("user-admin", new UserAdminEndpoint(users, errorAnswers, programOrganization)),
                "/fhir" + UserAdminEndpoint.PATH + "/*");
        context.addServlet(new ServletHolder("client-admin", new ClientAdminEndpoint(clients, errorAnswers, programOrganization)), "/fhir" + PublicUrls.CLIENTS_PATH + "/*");
        context.addServlet(new ServletHolder("ehr-admin", new EhrAdminEndpoint(ehrs, errorAnswers, programOrganization)), "/fhir" + EhrAdminEndpoint.PATH + "/*");
    }

    /** Shares the rate limit's last counts; call after the last request, before the database closes. */
    @Override
    public void close() {
        rateLimitSync.close();
    }
}
