package org.peerbridge.server.security.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys of each client, as Nimbus key sources: an inline JWKS, or a JWKS URL fetched and cached
 * by Nimbus (refreshed when an unknown key id shows up, rate limited). A source is rebuilt when the
 * client's registration names other keys.
 */
final class ClientKeys {

    private record Cached(String keySource, JWKSource<SecurityContext> source) { }

    private final Map<String, Cached> sources = new ConcurrentHashMap<>();

    JWKSource<SecurityContext> of(RegisteredClient client) {
        Cached cached = sources.get(client.clientId());
        if (cached == null || !cached.keySource().equals(client.keySource())) {
            cached = new Cached(client.keySource(), build(client));
            sources.put(client.clientId(), cached);
        }
        return cached.source();
    }

    private static JWKSource<SecurityContext> build(RegisteredClient client) {
        try {
            if (client.jwksUrl() != null) {
                return JWKSourceBuilder.create(URI.create(client.jwksUrl()).toURL()).build();
            }
            return new ImmutableJWKSet<>(JWKSet.parse(client.jwks()));
        } catch (ParseException | MalformedURLException | IllegalArgumentException e) {
            throw TokenError.invalidClient("The registered keys of client " + client.clientId() + " are unusable: " + e.getMessage());
        }
    }
}
