package org.peerbridge.server.security.http;

import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.peerbridge.server.security.SecuritySettings;

/** How the server meets the network: HTTPS when a keystore is configured, loopback only without auth, CORS for named origins. */
public final class EdgeProtection {

    private EdgeProtection() {
    }

    /** The one connector: TLS with the configured keystore, else plain HTTP; bound to 127.0.0.1 when authorization is off. */
    public static ServerConnector connector(Server jetty, SecuritySettings config, int port) {
        ServerConnector connector;
        if (config.tlsKeystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(config.tlsKeystore().toAbsolutePath().toString());
            tls.setKeyStorePassword(config.tlsKeystorePassword());
            tls.setKeyStoreType(config.tlsKeystoreType());
            HttpConfiguration https = new HttpConfiguration();
            // certificates are often issued for a public name while clients connect by another (a proxy, an IP)
            https.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(jetty);
        }
        connector.setPort(port);
        if (!config.authEnabled()) {
            connector.setHost("127.0.0.1");
        }
        return connector;
    }

    /** Answers CORS preflights and adds CORS headers for the configured origins only; no origins, no CORS. */
    public static Handler cors(SecuritySettings config, Handler next) {
        if (config.corsOrigins().isEmpty()) {
            return next;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(config.corsOrigins().stream().map(Pattern::quote).collect(Collectors.toSet()));
        cors.setAllowedMethods(Set.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(Set.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Exist", "Prefer"));
        cors.setExposedHeaders(Set.of("Location", "ETag", "Content-Location", "Last-Modified", "X-Request-ID"));
        cors.setAllowCredentials(false);
        cors.setHandler(next);
        return cors;
    }
}
