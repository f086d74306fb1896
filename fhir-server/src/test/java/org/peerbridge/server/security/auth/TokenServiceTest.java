package org.peerbridge.server.security.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.support.TestDatabase;

/**
 * The client_credentials grant below HTTP, on a real H2 database and with keys made here: what a good
 * assertion buys, and each assertion that must not buy anything (401 invalid_client), with no token
 * stored for a refused one. One database and one set of keys for the class; every assertion has its own jti.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenServiceTest {

    private static final String ENDPOINT = "https://fhir.example.org/fhir/auth/token";
    private static final java.util.Set<String> AUDIENCES = java.util.Set.of(ENDPOINT);
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String HOSPITAL = "Organization/general-hospital";

    private TestDatabase.Opened opened;
    private Database database;
    private ClientRegistry registry;
    private AccessTokens tokens;
    private TokenService service;
    private KeyedClient es384;
    private RSAKey rs384Key;

    @BeforeAll
    void registerClients() throws JOSEException {
        opened = TestDatabase.open();
        database = opened.database();
        registry = new ClientRegistry(database);
        tokens = new AccessTokens();
        service = new TokenService(database, registry, tokens, LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC));
        es384 = KeyedClient.generate("es-client", HOSPITAL, ScopeSet.parse("system/ServiceRequest.cru system/Task.rs"));
        registry.add(es384.registration());
        rs384Key = new RSAKeyGenerator(2048).keyID("rs-key").generate();
        registry.add(new RegisteredClient("rs-client", HOSPITAL, ScopeSet.parse("system/Task.rs"),
                new JWKSet(rs384Key.toPublicJWK()).toString(), null, true, NOW.toEpochMilli()));
    }

    @AfterAll
    void close() throws Exception {
        opened.close();
    }

    @Test
    void anEs384AssertionBuysATokenForTheRegisteredPartOfTheRequestedScopes() throws Exception {
        TokenService.Issued issued = issue(es384Assertion(claims -> claims), "system/Task.rs system/Patient.r");

        assertEquals("system/Task.rs", issued.scope(), "Patient is not registered, so it is not granted");
        assertEquals(LIFETIME.toSeconds(), issued.expiresInSeconds());
        AccessTokens.Grant grant = database.inTransaction(c -> tokens.find(c, issued.accessToken())).orElseThrow();
        assertEquals("es-client", grant.clientId());
        assertEquals("system/Task.rs", grant.scopes());
        assertEquals(NOW.plus(LIFETIME).toEpochMilli(), grant.expires());
        assertEquals(HOSPITAL, grant.organization());
        assertTrue(grant.clientEnabled());
    }

    @Test
    void anRs384AssertionBuysAToken() throws Exception {
        String assertion = sign(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rs-key").build(), claims("rs-client").build(),
                new RSASSASigner(rs384Key));
        assertEquals("system/Task.rs", issue(assertion, "system/Task.rs").scope());
    }

    @Test
    void tokensAreOpaqueAndUnknownTokensFindNothing() throws Exception {
        String first = issue(es384Assertion(claims -> claims), "system/Task.rs").accessToken();
        String second = issue(es384Assertion(claims -> claims), "system/Task.rs").accessToken();
        assertNotEquals(first, second);
        assertFalse(first.contains("es-client"), "the token says nothing about its client");
        assertTrue(database.inTransaction(c -> tokens.find(c, first + "x")).isEmpty());
    }

    @Test
    void disablingTheClientRevokesItsTokensForGood() throws Exception {
        KeyedClient leaving = KeyedClient.generate("leaving-client", HOSPITAL, ScopeSet.parse("system/Task.rs"));
        registry.add(leaving.registration());
        String token = issue(assertion(leaving, claims -> claims), "system/Task.rs").accessToken();
        registry.setEnabled("leaving-client", false);
        assertTrue(database.inTransaction(c -> tokens.find(c, token)).isEmpty());
        assertInvalidClient(assertion(leaving, claims -> claims), "Unknown or disabled client");
        registry.setEnabled("leaving-client", true);
        assertTrue(database.inTransaction(c -> tokens.find(c, token)).isEmpty(), "enabling the client revives no token");
    }

    @Test
    void withoutAScopeTheClientGetsEveryScopeItIsRegisteredFor() throws Exception {
        assertEquals("system/ServiceRequest.cru system/Task.rs", issue(es384Assertion(claims -> claims), null).scope());
    }

    @Test
    void anAssertionNotValidYetIsRefused() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.notBeforeTime(java.util.Date.from(java.time.Instant.now().plusSeconds(200)))),
                "not valid before");
    }

    @Test
    void aReplayedAssertionIsRefusedAndBuysNothing() throws Exception {
        String assertion = es384Assertion(claims -> claims);
        issue(assertion, "system/Task.rs");
        int stored = storedTokens();
        assertInvalidClient(assertion, "used before");
        assertEquals(stored, storedTokens());
    }

    @Test
    void theSameJtiFromAnotherClientIsNotAReplay() throws Exception {
        String jti = UUID.randomUUID().toString();
        issue(es384Assertion(claims -> claims.jwtID(jti)), "system/Task.rs");
        String rs = sign(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rs-key").build(), claims("rs-client").jwtID(jti).build(),
                new RSASSASigner(rs384Key));
        assertEquals("system/Task.rs", issue(rs, "system/Task.rs").scope());
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.expirationTime(Date.from(NOW.minus(Duration.ofMinutes(2))))), "expired");
    }

    @Test
    void anAssertionLivingLongerThanFiveMinutesIsRefused() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10))))),
                "more than 5 minutes");
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.audience("https://other.example.org/token")), "aud must be this token endpoint");
    }

    @Test
    void issuerAndSubjectMustBothBeTheClient() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.subject("rs-client")), "iss and sub");
        assertInvalidClient(es384Assertion(claims -> claims.issuer("nobody").subject("nobody")), "Unknown or disabled client");
    }

    @Test
    void anAssertionWithoutJtiOrExpIsRefused() throws Exception {
        assertInvalidClient(es384Assertion(claims -> claims.jwtID(null)), "no jti");
        assertInvalidClient(es384Assertion(claims -> claims.expirationTime(null)), "no exp");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        ECKey stranger = AdminBootstrap.newSigningKey(es384.privateKey().getKeyID()); // same kid, other key
        String assertion = sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(stranger.getKeyID()).build(), claims("es-client").build(),
                new ECDSASigner(stranger));
        assertInvalidClient(assertion, "signature does not verify");
    }

    @Test
    void aKeyIdTheClientNeverRegisteredIsRefused() throws Exception {
        String assertion = sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("unregistered-kid").build(), claims("es-client").build(),
                new ECDSASigner(es384.privateKey()));
        assertInvalidClient(assertion, "signature does not verify");
    }

    @Test
    void algNoneIsRefused() {
        assertInvalidClient(new PlainJWT(claims("es-client").build()).serialize(), "must be signed");
    }

    @Test
    void hmacWithAnyKeyIsRefused() throws Exception {
        String assertion = sign(new JWSHeader(JWSAlgorithm.HS256), claims("es-client").build(), new MACSigner(new byte[32]));
        assertInvalidClient(assertion, "HS256 is refused");
    }

    @Test
    void anRs256AssertionIsRefusedEvenWithTheRegisteredKey() throws Exception {
        String assertion = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rs-key").build(), claims("rs-client").build(),
                new RSASSASigner(rs384Key));
        assertInvalidClient(assertion, "RS256 is refused");
    }

    @Test
    void somethingThatIsNotAJwtIsRefused() {
        assertInvalidClient("not-a-jwt", "not a JWT");
    }

    @Test
    void malformedRequestsAre400WithTheirOAuthError() throws Exception {
        String assertion = es384Assertion(claims -> claims);
        int stored = storedTokens();
        assertRefused(400, "unsupported_grant_type", () -> service.issue("password", TokenService.ASSERTION_TYPE, assertion, "system/Task.rs", AUDIENCES));
        assertRefused(400, "invalid_request", () -> service.issue(TokenService.GRANT_TYPE, "basic", assertion, "system/Task.rs", AUDIENCES));
        assertRefused(400, "invalid_request", () -> service.issue(TokenService.GRANT_TYPE, TokenService.ASSERTION_TYPE, "", "system/Task.rs", AUDIENCES));
        assertRefused(400, "invalid_scope", () -> service.issue(TokenService.GRANT_TYPE, TokenService.ASSERTION_TYPE, assertion, "nonsense", AUDIENCES));
        assertRefused(400, "invalid_scope", () -> issue(assertion, "system/Patient.r"));
        assertEquals(stored, storedTokens());
    }

    @Test
    void theClaimedClientIsReadForTheAuditWithoutTrustingIt() throws Exception {
        assertEquals("es-client", TokenService.claimedClient(es384Assertion(claims -> claims)));
        assertEquals(null, TokenService.claimedClient("garbage"));
    }

    private TokenService.Issued issue(String assertion, String scope) {
        return service.issue(TokenService.GRANT_TYPE, TokenService.ASSERTION_TYPE, assertion, scope, AUDIENCES);
    }

    private void assertInvalidClient(String assertion, String reason) {
        TokenError error = assertRefused(401, "invalid_client", () -> issue(assertion, "system/Task.rs"));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    private static TokenError assertRefused(int status, String code, Runnable request) {
        TokenError error = assertThrows(TokenError.class, request::run);
        assertEquals(status, error.status(), error.getMessage());
        assertEquals(code, error.error(), error.getMessage());
        return error;
    }

    private String es384Assertion(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return assertion(es384, change);
    }

    private static String assertion(KeyedClient client, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        ECKey key = client.privateKey();
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
                change.apply(claims(client.registration().clientId())).build(), new ECDSASigner(key));
    }

    /** What a good assertion of this client claims at {@link #NOW}. */
    private static JWTClaimsSet.Builder claims(String clientId) {
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(ENDPOINT)
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(4)))).jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private int storedTokens() {
        return database.inTransaction(c -> {
            try (var rows = c.prepareStatement("SELECT COUNT(*) FROM auth_token").executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
