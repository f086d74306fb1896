package org.peerbridge.server.security.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered public keys of each owner (an API client, an EHR), as Nimbus key sources: an inline JWKS, or
 * a JWKS URL fetched and cached by Nimbus (refreshed when an unknown key id shows up, rate limited). A source is
 * rebuilt when the owner's registration names other keys.
 */
public final class KeySources {

    /**
     * Nimbus's defaults give a JWKS URL half a second to connect and half a second to answer, which a busy key host
     * (or a busy PeerBridge) misses now and then; a token request then fails for a transient reason. These give it
     * longer, and a fetch that fails on the network is tried once more. Nimbus's size limit stays.
     */
    private static final int FETCH_TIMEOUT_MILLIS = 3_000;

    private record Cached(String keys, JWKSource<SecurityContext> source) { }

    private final Map<String, Cached> sources = new ConcurrentHashMap<>();

    /**
     * The keys of {@code owner}, given as exactly one of {@code jwks} and {@code jwksUrl}; IllegalArgumentException
     * when they cannot be used.
     */
    public JWKSource<SecurityContext> of(String owner, String jwks, String jwksUrl) {
        String keys = jwksUrl != null ? "url:" + jwksUrl : "jwks:" + jwks;
        Cached cached = sources.get(owner);
        if (cached == null || !cached.keys().equals(keys)) {
            cached = new Cached(keys, build(jwks, jwksUrl));
            sources.put(owner, cached);
        }
        return cached.source();
    }

    private static JWKSource<SecurityContext> build(String jwks, String jwksUrl) {
        try {
            if (jwksUrl != null) {
                return JWKSourceBuilder.create(URI.create(jwksUrl).toURL(),
                        new DefaultResourceRetriever(FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                        .retrying(true)
                        .build();
            }
            return new ImmutableJWKSet<>(JWKSet.parse(jwks));
        } catch (ParseException | MalformedURLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
