package org.peerbridge.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A person who types the API's address into a browser ({@code GET /fhir}, HTML preferred, no token) is
 * sent to the pages rather than shown a 401 in JSON. FHIR clients never prefer HTML, and any request
 * with an Authorization header, any other path or method is the API's as before.
 */
final class ApiBaseInBrowser extends HttpFilter {

    static final String API_BASE = "/fhir";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isPersonAtApiBase(request)) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isPersonAtApiBase(HttpServletRequest request) {
        String path = WebPaths.path(request);
        return "GET".equals(request.getMethod())
                && (path.equals(API_BASE) || path.equals(API_BASE + "/"))
                && request.getHeader("Authorization") == null
                && request.getQueryString() == null
                && prefersHtml(request.getHeader("Accept"));
    }

    /** A browser's Accept names text/html first; a FHIR client's names a FHIR type, JSON or XML. */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        String first = accept.split(",", 2)[0].split(";", 2)[0].trim();
        return first.equalsIgnoreCase("text/html");
    }
}
