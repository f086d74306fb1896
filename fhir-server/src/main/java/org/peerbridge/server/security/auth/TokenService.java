package org.peerbridge.server.security.auth;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;

/**
 * The client_credentials grant of SMART Backend Services: a verified client assertion, used once, buys
 * a short-lived bearer token for the requested scopes that the client's registration covers.
 */
public final class TokenService {

    public static final String GRANT_TYPE = "client_credentials";
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** A token handed out. */
    public record Issued(String accessToken, long expiresInSeconds, String scope, RegisteredClient client) { }

    private final Database database;
    private final AssertionVerifier verifier;
    private final AccessTokens tokens;
    private final AssertionReplay replay = new AssertionReplay();
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(Database database, ClientRegistry registry, AccessTokens tokens, Duration lifetime, Clock clock) {
        this.database = database;
        this.verifier = new AssertionVerifier(registry);
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The client an assertion names, as far as it can be read; for the audit of refused requests. */
    public static String claimedClient(String assertion) {
        try {
            return JWTParser.parse(assertion).getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** {@code audiences}: what the assertion's aud may be, the preferred first (see {@link PublicUrls#tokenAudiences}). */
    public Issued issue(String grantType, String assertionType, String assertion, String requestedScope, Set<String> audiences) {
        if (!GRANT_TYPE.equals(grantType)) {
            throw TokenError.unsupportedGrantType("grant_type must be " + GRANT_TYPE);
        }
        if (!ASSERTION_TYPE.equals(assertionType)) {
            throw TokenError.invalidRequest("client_assertion_type must be " + ASSERTION_TYPE);
        }
        if (assertion == null || assertion.isBlank()) {
            throw TokenError.invalidRequest("client_assertion is missing");
        }
        boolean defaultScope = requestedScope == null || requestedScope.isBlank();
        ScopeSet requested;
        try {
            requested = defaultScope ? null : ScopeSet.parse(requestedScope);
        } catch (IllegalArgumentException e) {
            throw TokenError.invalidScope(e.getMessage());
        }
        Instant now = clock.instant();
        AssertionVerifier.Verified verified = verifier.verify(assertion, audiences, now);
        // RFC 6749 3.3: without a scope parameter, the default is every scope the client is registered for
        ScopeSet granted = defaultScope ? verified.client().scopes() : verified.client().scopes().grant(requested);
        if (granted.isEmpty()) {
            throw TokenError.invalidScope("None of the requested scopes is registered for this client; it may have: "
                    + verified.client().scopes().asString());
        }
        long expires = now.plus(lifetime).toEpochMilli();
        String token = database.inTransaction(c -> {
            if (!replay.firstUse(c, verified.client().clientId(), verified.jti(), verified.expires().plus(AssertionVerifier.CLOCK_SKEW).toEpochMilli(),
                    now.toEpochMilli())) {
                throw TokenError.invalidClient("This client assertion (jti) was used before; sign a new one for each request");
            }
            return tokens.issue(c, verified.client().clientId(), granted.asString(), expires, now.toEpochMilli());
        });
        return new Issued(token, lifetime.toSeconds(), granted.asString(), verified.client());
    }
}
