package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.peerbridge.mapping.access.Role;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.access.CallerFactory;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.auth.PublicUrls;
import org.peerbridge.server.security.launch.EhrLaunch;
import org.peerbridge.server.security.launch.LaunchRefusal;
import org.peerbridge.server.security.users.WebSessions;
import org.peerbridge.server.storage.ReadScope;
import org.peerbridge.server.storage.ResourceStore;
import org.peerbridge.server.web.view.PatientReferrals;

/**
 * The EHR launch's pages ({@link EhrLaunch} does the SMART part): {@code GET /launch?iss&launch} sends the browser
 * to the EHR to authorize, with the launch's state in a cookie; {@code GET /launch/callback} finishes the launch,
 * finds the launched patient's referrals as a referrer of the EHR's organization may see them, opens a session
 * for the EHR's user and goes to the patient's course (or, for several referrals, their list) with no second
 * sign-in. {@code GET /launch/jwks} publishes PeerBridge's public keys for the EHR. Each step is audited; a
 * refusal is an error page saying what to do, and nothing about any data.
 */
final class LaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String LAUNCH_COOKIE = "peerbridge_launch";

    private final transient EhrLaunch launches;
    private final transient PatientReferrals referrals;
    private final transient ResourceStore store;
    private final transient CallerFactory callers;
    private final transient WebSessions sessions;
    private final transient PublicUrls urls;
    private final transient Pages pages;

    LaunchServlet(EhrLaunch launches, PatientReferrals referrals, ResourceStore store, CallerFactory callers, WebSessions sessions,
            PublicUrls urls, Pages pages) {
        this.launches = launches;
        this.referrals = referrals;
        this.store = store;
        this.callers = callers;
        this.sessions = sessions;
        this.urls = urls;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String step = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            switch (step) {
                case "/" -> begin(request, response);
                case "/callback" -> complete(request, response);
                case "/jwks" -> keys(response);
                default -> pages.refuse(response, 404, "There is no such page.");
            }
        } catch (LaunchRefusal refusal) {
            AuditContext.current().ifPresent(a -> a.refused(refusal.auditReason()));
            pages.refuse(response, refusal.status(), refusal.getMessage());
        }
    }

    private void begin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("ehr-launch", "E", null, null));
        String webRoot = urls.base(request).replaceFirst("/fhir$", "");
        EhrLaunch.Authorization authorization = launches.begin(request.getParameter("iss"), request.getParameter("launch"),
                webRoot + WebPaths.LAUNCH + "/callback", System.currentTimeMillis());
        AuditContext.current().ifPresent(a -> a.client("ehr:" + authorization.ehr().name(), authorization.ehr().organization()));
        WebPaths.setCookie(request, response, LAUNCH_COOKIE, authorization.state(), 10 * 60);
        response.sendRedirect(authorization.url());
    }

    private void complete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("ehr-launch-callback", "E", null, null));
        long now = System.currentTimeMillis();
        WebPaths.setCookie(request, response, LAUNCH_COOKIE, "", 0); // a state is good for one try
        EhrLaunch.Launched launched = launches.complete(request.getParameter("state"), WebPaths.cookie(request, LAUNCH_COOKIE),
                request.getParameter("code"), request.getParameter("error"), now);
        String organization = launched.ehr().organization();
        Caller caller = callers.user(launched.username(), organization, Role.REFERRER);
        AuditContext.current().ifPresent(a -> a.client(caller.clientId(), organization));
        PatientReferrals.Found found;
        try (ReadScope.Binding c = CallerContext.bind(caller); ReadScope.Binding r = ReadScope.bind(callers.readScope(caller))) {
            found = store.read(connection -> referrals.find(connection, launched.identifiers()));
        }
        if (found.referralIds().isEmpty()) {
            throw new LaunchRefusal(404, "PeerBridge has no referral of " + organization + " for this patient.",
                    "No referral of the organization for the launched patient");
        }
        AuditContext.current().ifPresent(a -> {
            found.patientIds().forEach(id -> a.shown("Patient", id));
            found.referralIds().forEach(id -> a.shown("ServiceRequest", id));
        });
        WebSessions.Started started = sessions.startLaunched(launched.ehr().name(), launched.username(), organization, now);
        WebPaths.setCookie(request, response, WebPaths.SESSION_COOKIE, started.cookie(), -1);
        response.setStatus(303);
        response.setHeader("Location", found.referralIds().size() == 1 ? WebPaths.REFERRALS + "/" + found.referralIds().get(0)
                : WebPaths.REFERRALS + "?patient=" + String.join(",", found.patientIds()));
    }

    private void keys(HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("ehr-launch-keys", "R", null, null));
        response.setContentType("application/jwk-set+json");
        response.getOutputStream().write(launches.publicKeys().toString().getBytes(StandardCharsets.UTF_8));
    }
}
