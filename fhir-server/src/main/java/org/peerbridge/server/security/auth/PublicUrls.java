package org.peerbridge.server.security.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The URLs clients see: from --base-url when the server sits behind a proxy, else from the request itself. */
public final class PublicUrls {

    public static final String TOKEN_PATH = "/auth/token";
    public static final String SMART_CONFIGURATION_PATH = "/.well-known/smart-configuration";
    public static final String CLIENTS_PATH = "/auth/clients";

    private final String configuredBase;
    private final Set<String> ownHosts;

    public PublicUrls(String configuredBase) {
        this.configuredBase = configuredBase == null ? null : configuredBase.replaceAll("/+$", "");
        this.ownHosts = configuredBase == null ? ownHosts() : Set.of();
    }

    /** The FHIR base URL, e.g. https://fhir.example.org/fhir. */
    public String base(HttpServletRequest request) {
        if (configuredBase != null) {
            return configuredBase;
        }
        return base(request.getScheme(), request.getServerName(), request.getServerPort(), request.getContextPath());
    }

    /** The token endpoint as discovery names it. */
    public String tokenEndpoint(HttpServletRequest request) {
        return base(request) + TOKEN_PATH;
    }

    /**
     * The audiences a client assertion may name: the token endpoint of --base-url when one is configured;
     * otherwise the token endpoint at each address this server listens on (its interfaces' addresses, its
     * host name and localhost, with the port the request arrived at). Never the request's Host header, so an
     * assertion signed for another server is refused even when the request claims to be addressed to it.
     * The first is the one to name in a refusal.
     */
    public Set<String> tokenAudiences(HttpServletRequest request) {
        if (configuredBase != null) {
            return Set.of(configuredBase + TOKEN_PATH);
        }
        Set<String> audiences = new LinkedHashSet<>();
        for (String host : ownHosts) {
            audiences.add(base(request.getScheme(), host, request.getLocalPort(), request.getContextPath()) + TOKEN_PATH);
        }
        return audiences;
    }

    private static String base(String scheme, String host, int port, String contextPath) {
        StringBuilder url = new StringBuilder(scheme).append("://").append(host);
        boolean defaultPort = (port == 80 && "http".equals(scheme)) || (port == 443 && "https".equals(scheme));
        if (!defaultPort) {
            url.append(':').append(port);
        }
        return url.append(contextPath).append("/fhir").toString();
    }

    private static Set<String> ownHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("localhost");
        try {
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(local.getHostName());
            hosts.add(local.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // no resolvable host name: the addresses below still count
        }
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    String literal = address.getHostAddress().replaceFirst("%.*$", "");
                    hosts.add(literal.contains(":") ? "[" + literal + "]" : literal);
                }
            }
        } catch (SocketException e) {
            hosts.add("127.0.0.1");
        }
        return Collections.unmodifiableSet(hosts);
    }
}
