package org.peerbridge.server.security.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.peerbridge.server.rest.openapi.OpenApiServlet;
import org.peerbridge.server.security.auth.PublicUrls;

/** What anyone may ask without a token: how to authenticate, and what the server can do (also as OpenAPI). */
final class PublicPaths {

    private static final Set<String> PATHS = Set.of("/fhir/metadata", "/fhir" + OpenApiServlet.PATH,
            "/fhir" + PublicUrls.SMART_CONFIGURATION_PATH);

    private PublicPaths() {
    }

    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "OPTIONS".equals(request.getMethod()) || "GET".equals(request.getMethod()) && PATHS.contains(path.replaceAll("/+$", ""));
    }

    /** The token endpoint authenticates clients itself, by their signed assertion. */
    static boolean isTokenEndpoint(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).equals("/fhir" + PublicUrls.TOKEN_PATH);
    }
}
