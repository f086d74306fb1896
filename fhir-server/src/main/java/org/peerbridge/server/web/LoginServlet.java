package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.WebSessions;

/**
 * {@code /login}: the sign-in form and its check. There is no session yet to hold a CSRF token, so the
 * form carries a random token that must equal a cookie set with the form (double submit). Every failure
 * gets the same answer, whether the name is unknown, the password wrong, the user disabled or locked by
 * the throttle ({@link UserRegistry}).
 */
final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String REFUSED = "Sign-in refused: the name or password is wrong, or there were too many attempts."
            + " After " + UserRegistry.FAILURES_BEFORE_LOCK + " failures in a row, wait " + UserRegistry.LOCK_MILLIS / 60_000 + " minutes.";

    private final transient UserRegistry users;
    private final transient WebSessions sessions;
    private final transient Pages pages;

    LoginServlet(UserRegistry users, WebSessions sessions, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("page-login", "R", null, null));
        form(request, response, 200, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("login", "E", null, null));
        if (!WebGate.sameToken(request.getParameter(WebPaths.CSRF_FIELD), WebPaths.cookie(request, WebPaths.LOGIN_COOKIE))) {
            AuditContext.current().ifPresent(a -> a.refused("Sign-in form without its CSRF token"));
            form(request, response, 403, "This form has expired. Please sign in again.");
            return;
        }
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        long now = System.currentTimeMillis();
        var signedIn = username == null || password == null ? new UserRegistry.SignIn(java.util.Optional.empty())
                : users.signIn(username, password, now);
        if (signedIn.user().isEmpty()) {
            AuditContext.current().ifPresent(a -> a.refused("Sign-in refused"));
            form(request, response, 401, REFUSED);
            return;
        }
        var user = signedIn.user().get();
        AuditContext.current().ifPresent(a -> a.client("user:" + user.username(), user.organization()));
        WebSessions.Started started = sessions.start(user, now);
        WebPaths.setCookie(request, response, WebPaths.SESSION_COOKIE, started.cookie(), -1);
        WebPaths.setCookie(request, response, WebPaths.LOGIN_COOKIE, "", 0);
        response.setStatus(303);
        response.setHeader("Location", WebPaths.REFERRALS);
    }

    private void form(HttpServletRequest request, HttpServletResponse response, int status, String error) throws IOException {
        // one token per browser until it signs in: a second GET (another tab, a favicon sent here) keeps the first form valid
        String existing = WebPaths.cookie(request, WebPaths.LOGIN_COOKIE);
        String token = existing != null && existing.length() >= 43 ? existing : WebSessions.randomToken();
        WebPaths.setCookie(request, response, WebPaths.LOGIN_COOKIE, token, 30 * 60);
        java.util.Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("loginToken", token);
        variables.put("error", error);
        pages.render(response, status, "login", variables, null);
    }
}
