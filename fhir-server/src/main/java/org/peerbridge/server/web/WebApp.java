package org.peerbridge.server.web;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.peerbridge.mapping.outcome.QuestionnaireCatalogue;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.population.ProgramOutcomesReports;
import org.peerbridge.server.report.ProgressReports;
import org.peerbridge.server.search.StoredSearch;
import org.peerbridge.server.security.SecurityLayer;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.web.view.CourseViews;
import org.peerbridge.server.web.view.PatientReferrals;
import org.peerbridge.server.web.view.ReferralLists;

/**
 * The web pages for people, on the API's port at {@code /} (the API stays at {@code /fhir}): sign-in and
 * sign-out, the referral list, a referral's course and its progress report, and the program's outcomes.
 * Server-rendered HTML and inline SVG from templates in the jar; no script. Reads go through the same report and search layers,
 * under the same read scope, as the API's.
 */
public final class WebApp {

    private final SecurityLayer security;
    private final ResourceStore store;
    private final ProgressReports reports;
    private final StoredSearch search;
    private final QuestionnaireCatalogue questionnaires;
    private final ProgramOutcomesReports outcomes;
    private final Supplier<String> fhirBase;

    public WebApp(SecurityLayer security, ResourceStore store, ProgressReports reports, StoredSearch search,
            QuestionnaireCatalogue questionnaires, ProgramOutcomesReports outcomes, Supplier<String> fhirBase) {
        this.security = security;
        this.store = store;
        this.reports = reports;
        this.search = search;
        this.questionnaires = questionnaires;
        this.outcomes = outcomes;
        this.fhirBase = fhirBase;
    }

    /**
     * Sends a person who opens the API's base address in a browser to the pages; installed before the
     * API's authentication, which would otherwise answer them with a 401 in JSON.
     */
    public void installApiBaseRedirect(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new ApiBaseInBrowser()), ApiBaseInBrowser.API_BASE + "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    /** Adds the gate in front of every page and the pages' servlets; /fhir/* is left to the API. */
    public void install(ServletContextHandler context) {
        Pages pages = new Pages();
        context.addFilter(new FilterHolder(new WebGate(security.pageAudit(store.codec().fhirContext()), security.webSessions(),
                security.callers(), pages)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("web-assets", new AssetServlet()), WebPaths.ASSETS + "*");
        context.addServlet(new ServletHolder("web-login", new LoginServlet(security.users(), security.webSessions(), pages)), WebPaths.LOGIN);
        context.addServlet(new ServletHolder("web-logout", new LogoutServlet(security.webSessions())), WebPaths.LOGOUT);
        context.addServlet(new ServletHolder("web-launch", new LaunchServlet(security.ehrLaunch(store.codec().fhirContext()),
                new PatientReferrals(search), store, security.callers(), security.webSessions(), security.urls(), pages)), WebPaths.LAUNCH + "/*");
        context.addServlet(new ServletHolder("web-referrals", new ReferralsServlet(store, new ReferralLists(search),
                new CourseViews(reports, questionnaires), reports, pages, fhirBase)), WebPaths.REFERRALS + "/*");
        context.addServlet(new ServletHolder("web-program", new ProgramServlet(outcomes, pages)), WebPaths.PROGRAM + "/*");
        context.addServlet(new ServletHolder("web-home", new HomeServlet(pages, new ErrorAnswerWriter(store.codec().fhirContext()))), "/");
    }
}
