package org.peerbridge.server.security.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jose.KeySourceException;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks a SMART Backend Services client assertion (private_key_jwt): a JWT signed with RS384 or ES384 by
 * a key the client registered (RSA of at least 2048 bits, or EC), issued by and about the client, addressed
 * to this token endpoint, valid now (nbf), not expired and expiring within five minutes, with a jti. Signature checking is Nimbus JOSE+JWT's; only
 * the algorithms above are accepted, so "none" and HMAC with a public key as secret never verify.
 */
final class AssertionVerifier {

    /** SMART: the assertion's exp is no more than five minutes in the future. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Tolerance for clocks that differ a little between client and server. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

    /** What a valid assertion establishes. */
    record Verified(RegisteredClient client, String jti, Instant expires) { }

    private final ClientRegistry registry;
    private final KeySources keys = new KeySources();

    AssertionVerifier(ClientRegistry registry) {
        this.registry = registry;
    }

    Verified verify(String assertion, Set<String> audiences, Instant now) {
        SignedJWT jwt = signed(assertion);
        JWTClaimsSet claims = claims(jwt);
        String issuer = claims.getIssuer();
        if (issuer == null || !issuer.equals(claims.getSubject())) {
            throw TokenError.invalidClient("The assertion's iss and sub must both be the client_id");
        }
        RegisteredClient client = registry.find(issuer).filter(RegisteredClient::enabled)
                .orElseThrow(() -> TokenError.invalidClient("Unknown or disabled client"));
        checkSignature(jwt, client);
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw TokenError.invalidClient("The assertion's aud must be this token endpoint, " + audiences.iterator().next());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw TokenError.invalidClient("The assertion is not valid before " + nbf.toInstant());
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw TokenError.invalidClient("The assertion has no exp");
        }
        if (exp.toInstant().isBefore(now.minus(CLOCK_SKEW))) {
            throw TokenError.invalidClient("The assertion expired at " + exp.toInstant());
        }
        if (exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw TokenError.invalidClient("The assertion's exp is more than 5 minutes in the future");
        }
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw TokenError.invalidClient("The assertion has no jti");
        }
        return new Verified(client, claims.getJWTID(), exp.toInstant());
    }

    private static SignedJWT signed(String assertion) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(assertion);
        } catch (ParseException e) {
            throw TokenError.invalidClient("client_assertion is not a JWT: " + e.getMessage());
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw TokenError.invalidClient("client_assertion must be signed (RS384 or ES384); alg " + jwt.getHeader().getAlgorithm() + " is refused");
        }
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw TokenError.invalidClient("Signature algorithm " + signed.getHeader().getAlgorithm() + " is refused; use RS384 or ES384");
        }
        return signed;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw TokenError.invalidClient("The assertion's claims are unreadable: " + e.getMessage());
        }
    }

    /** Verifies with the client's keys that fit the header; RSA keys under 2048 bits never count. */
    private void checkSignature(SignedJWT jwt, RegisteredClient client) {
        List<? extends Key> candidates;
        try {
            candidates = new JWSVerificationKeySelector<>(ALGORITHMS, keys.of(client.clientId(), client.jwks(), client.jwksUrl()))
                    .selectJWSKeys(jwt.getHeader(), null);
        } catch (KeySourceException e) {
            throw TokenError.invalidClient("The client's registered keys could not be read from its JWKS URL");
        } catch (IllegalArgumentException e) {
            throw TokenError.invalidClient("The registered keys of client " + client.clientId() + " are unusable: " + e.getMessage());
        }
        List<Key> strong = candidates.stream().filter(key -> !ClientRequests.isWeakRsa(key)).map(Key.class::cast).toList();
        if (!candidates.isEmpty() && strong.isEmpty()) {
            throw TokenError.invalidClient("The client's RSA key has fewer than " + ClientRequests.MIN_RSA_BITS
                    + " bits; register a longer one (or an EC P-384 key)");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector((header, context) -> strong);
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the claims are checked by verify, with clearer answers
        try {
            processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw TokenError.invalidClient("The assertion's signature does not verify with the client's registered keys");
        }
    }
}
