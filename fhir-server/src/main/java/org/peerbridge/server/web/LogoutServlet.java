package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.users.WebSessions;

/** {@code POST /logout} (with the session's CSRF token, checked by {@link WebGate}): ends the session everywhere. */
final class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient WebSessions sessions;

    LogoutServlet(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        AuditContext.current().ifPresent(a -> a.interaction("logout", "E", null, null));
        sessions.end(WebPaths.cookie(request, WebPaths.SESSION_COOKIE));
        WebPaths.setCookie(request, response, WebPaths.SESSION_COOKIE, "", 0);
        response.setStatus(303);
        response.setHeader("Location", WebPaths.LOGIN);
    }
}
