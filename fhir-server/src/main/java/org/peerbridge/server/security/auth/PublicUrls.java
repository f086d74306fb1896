package org.peerbridge.server.security.auth;

import jakarta.servlet.http.HttpServletRequest;

/** The URLs clients see: from --base-url when the server sits behind a proxy, else from the request itself. */
public final class PublicUrls {

    public static final String TOKEN_PATH = "/auth/token";
    public static final String SMART_CONFIGURATION_PATH = "/.well-known/smart-configuration";
    public static final String CLIENTS_PATH = "/auth/clients";

    private final String configuredBase;

    public PublicUrls(String configuredBase) {
        this.configuredBase = configuredBase == null ? null : configuredBase.replaceAll("/+$", "");
    }

    /** The FHIR base URL, e.g. https://fhir.example.org/fhir. */
    public String base(HttpServletRequest request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        StringBuilder url = new StringBuilder(request.getScheme()).append("://").append(request.getServerName());
        int port = request.getServerPort();
        boolean defaultPort = (port == 80 && "http".equals(request.getScheme())) || (port == 443 && "https".equals(request.getScheme()));
        if (!defaultPort) {
            url.append(':').append(port);
        }
        return url.append(request.getContextPath()).append("/fhir").toString();
    }

    /** The token endpoint: also the audience a client assertion must name. */
    public String tokenEndpoint(HttpServletRequest request) {
        return base(request) + TOKEN_PATH;
    }
}
