package org.peerbridge.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.peerbridge.server.rest.openapi.ApiExplorerServlet;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.access.CallerFactory;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.users.WebSessions;
import org.peerbridge.server.storage.ReadScope;

/**
 * What stands in front of every web page, as the security filters stand in front of /fhir: the audit
 * record opened first (every page view, refused or shown, leaves one AuditEvent naming the user), the
 * session found from its cookie, a POST refused without the session's CSRF token, and the signed-in
 * user bound as the {@link Caller} with the same {@link ReadScope} an API client of that organization
 * and role gets, so a page can read only what the API would let that user read.
 */
final class WebGate implements Filter {

    /** Pages that need no session: signing in (its form is protected by a cookie-bound token instead). */
    private static final String LOGIN = "/login";

    private final Filter audit;
    private final WebSessions sessions;
    private final CallerFactory callers;
    private final Pages pages;

    WebGate(Filter audit, WebSessions sessions, CallerFactory callers, Pages pages) {
        this.audit = audit;
        this.sessions = sessions;
        this.callers = callers;
        this.pages = pages;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = WebPaths.path(request);
        if (path.startsWith("/fhir/") || path.equals("/fhir") || path.startsWith("/health/")
                || path.equals(ApiExplorerServlet.PATH) || path.startsWith(ApiExplorerServlet.PATH + "/")) {
            chain.doFilter(req, res); // the API, its public explorer and the balancers' health checks are not pages
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        if (path.startsWith(WebPaths.ASSETS)) {
            chain.doFilter(req, res);
            return;
        }
        // the page is written to the audit's response, which lets nothing leave before the page's audit row is stored
        audit.doFilter(req, res, (rq, rs) -> admit(request, (HttpServletResponse) rs, path, chain));
    }

    private void admit(HttpServletRequest request, HttpServletResponse response, String path, FilterChain chain)
            throws IOException, ServletException {
        Optional<WebSessions.Active> session = sessions.find(WebPaths.cookie(request, WebPaths.SESSION_COOKIE), System.currentTimeMillis());
        if (path.equals(LOGIN) || path.startsWith(WebPaths.LAUNCH)) {
            chain.doFilter(request, response);
            return;
        }
        if (session.isEmpty()) {
            AuditContext.current().ifPresent(a -> a.refused("Not signed in"));
            if ("GET".equals(request.getMethod())) {
                response.sendRedirect(LOGIN);
            } else {
                pages.refuse(response, 403, "Your session has ended. Sign in again.");
            }
            return;
        }
        WebSessions.Active active = session.get();
        Caller caller = callers.user(active.user().username(), active.user().organization(), active.user().role());
        AuditContext.current().ifPresent(a -> a.client(caller.clientId(), caller.organization()));
        if (!"GET".equals(request.getMethod()) && !sameToken(request.getParameter(WebPaths.CSRF_FIELD), active.csrfToken())) {
            AuditContext.current().ifPresent(a -> a.refused("Form without its CSRF token"));
            pages.refuse(response, 403, "This form has expired or did not come from PeerBridge. Go back, reload the page and try again.");
            return;
        }
        request.setAttribute(WebPaths.SESSION_ATTRIBUTE, active);
        try (ReadScope.Binding c = CallerContext.bind(caller); ReadScope.Binding r = ReadScope.bind(callers.readScope(caller))) {
            chain.doFilter(request, response);
        }
    }

    /** Constant-time comparison, so the token cannot be guessed a character at a time. */
    static boolean sameToken(String sent, String expected) {
        return sent != null && expected != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
