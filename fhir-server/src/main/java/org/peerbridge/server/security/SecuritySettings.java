package org.peerbridge.server.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the server protects itself; the defaults are the secure ones (authorization on, HTTPS when a
 * keystore is configured, no cross-origin access).
 *
 * @param authEnabled        false only for --no-auth development mode (then the server binds to loopback)
 * @param tokenLifetime      how long an access token lives
 * @param rateLimitPerMinute requests one client may make per minute before getting 429
 * @param corsOrigins        origins allowed to call from a browser; empty for none
 * @param tlsKeystore        PKCS12 or JKS keystore with the server's certificate; null serves plain HTTP
 */
public record SecuritySettings(boolean authEnabled, Duration tokenLifetime, int rateLimitPerMinute, List<String> corsOrigins,
                             Path tlsKeystore, String tlsKeystorePassword, String tlsKeystoreType) {

    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 6000;

    public SecuritySettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public static SecuritySettings defaults() {
        return new SecuritySettings(true, DEFAULT_TOKEN_LIFETIME, DEFAULT_RATE_LIMIT_PER_MINUTE, List.of(), null, null, "PKCS12");
    }

    public SecuritySettings withAuthEnabled(boolean enabled) {
        return new SecuritySettings(enabled, tokenLifetime, rateLimitPerMinute, corsOrigins, tlsKeystore, tlsKeystorePassword, tlsKeystoreType);
    }

    public SecuritySettings withTokenLifetime(Duration lifetime) {
        return new SecuritySettings(authEnabled, lifetime, rateLimitPerMinute, corsOrigins, tlsKeystore, tlsKeystorePassword, tlsKeystoreType);
    }

    public SecuritySettings withRateLimitPerMinute(int limit) {
        return new SecuritySettings(authEnabled, tokenLifetime, limit, corsOrigins, tlsKeystore, tlsKeystorePassword, tlsKeystoreType);
    }

    public SecuritySettings withCorsOrigins(List<String> origins) {
        return new SecuritySettings(authEnabled, tokenLifetime, rateLimitPerMinute, origins, tlsKeystore, tlsKeystorePassword, tlsKeystoreType);
    }

    public SecuritySettings withTls(Path keystore, String password, String type) {
        return new SecuritySettings(authEnabled, tokenLifetime, rateLimitPerMinute, corsOrigins, keystore, password, type);
    }
}
