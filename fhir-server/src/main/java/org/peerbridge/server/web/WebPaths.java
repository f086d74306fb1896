package org.peerbridge.server.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The web app's paths, cookies and form field names, and how its cookies are set (HttpOnly, SameSite, Secure over HTTPS). */
final class WebPaths {

    static final String ASSETS = "/assets/";
    static final String LAUNCH = "/launch";
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    static final String REFERRALS = "/referrals";
    static final String PROGRAM = "/program";
    static final String SESSION_COOKIE = "peerbridge_session";
    static final String LOGIN_COOKIE = "peerbridge_login";
    static final String CSRF_FIELD = "_csrf";
    static final String SESSION_ATTRIBUTE = WebPaths.class.getName() + ".session";

    private WebPaths() {
    }

    /**
     * Whether the path is one of the web app's pages (which ask a visitor without a session to sign in);
     * any other path outside /fhir is simply not found, for a browser as for a FHIR client.
     */
    static boolean isPage(String path) {
        return path.equals("/") || path.equals(LOGIN) || path.equals(LOGOUT) || path.equals(REFERRALS)
                || path.startsWith(REFERRALS + "/") || path.startsWith(LAUNCH) || path.equals(PROGRAM) || path.startsWith(PROGRAM + "/");
    }

    /** The request's path inside the server, without query. */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Sets a cookie only this server's pages send back: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
    static void setCookie(HttpServletRequest request, HttpServletResponse response, String name, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
