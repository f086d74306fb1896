package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.security.auth.ClientRequests;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** The SMART Backend Services token endpoint: what it grants, and each assertion it refuses (401 invalid_client). */
class TokenEndpointTest extends ServerTest {

    private static final String HOSPITAL = "Organization/token-test-hospital";

    @Test
    void discoveryNamesTheTokenEndpointAndWhatItAccepts() throws Exception {
        HttpResponse<String> answer = server.sendWithoutToken("GET", "/.well-known/smart-configuration", null, null);
        assertEquals(200, answer.statusCode());
        Map<String, Object> config = JSONObjectUtils.parse(answer.body());
        assertEquals(server.baseUrl() + "/auth/token", config.get("token_endpoint"));
        assertEquals(java.util.List.of("private_key_jwt"), config.get("token_endpoint_auth_methods_supported"));
        assertEquals(java.util.List.of("RS384", "ES384"), config.get("token_endpoint_auth_signing_alg_values_supported"));
    }

    @Test
    void anEs384AssertionGetsATokenForTheRequestedScopesItsRegistrationCovers() throws Exception {
        TokenClient client = server.register("es-" + Referrals.unique(), HOSPITAL, "system/ServiceRequest.cru system/Task.rs");
        HttpResponse<String> answer = post(form(client.assertion(Instant.now()), "system/Task.rs system/Patient.r"));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null));
        Map<String, Object> token = JSONObjectUtils.parse(answer.body());
        assertEquals("bearer", token.get("token_type"));
        assertEquals("system/Task.rs", token.get("scope"), "Patient was not registered, so it is not granted");
        assertEquals(300L, ((Number) token.get("expires_in")).longValue());
        HttpResponse<String> read = server.sendWithoutToken("GET", "/Task?_count=1", null, null,
                "Authorization", "Bearer " + token.get("access_token"));
        assertEquals(200, read.statusCode());
    }

    @Test
    void anRs384AssertionWithKeysPublishedAtAUrlGetsATokenEvenWhenTheKeyHostIsSlowToAnswer() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-" + Referrals.unique()).generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            try {
                Thread.sleep(1_000); // a busy key host: longer than the half second Nimbus waits by default
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            String clientId = "rsa-" + Referrals.unique();
            server.server().clients().add(new RegisteredClient(clientId, HOSPITAL, ScopeSet.parse("system/Task.rs"), null,
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json", true, System.currentTimeMillis()));
            TokenClient client = new TokenClient(server.baseUrl(), clientId, key, "system/Task.rs", HttpClient.newHttpClient());
            assertFalse(client.accessToken().isBlank());
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void aBadSignatureIsRefused() throws Exception {
        TokenClient registered = server.register("sig-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        TokenClient impostor = new TokenClient(server.baseUrl(), registered.clientId(), org.peerbridge.server.security.auth.AdminBootstrap
                .newSigningKey("other"), "system/Task.rs", HttpClient.newHttpClient());
        assertRefused(post(form(impostor.assertion(Instant.now()), "system/Task.rs")), "signature");
    }

    @Test
    void anUnknownClientIsRefused() throws Exception {
        TokenClient unknown = new TokenClient(server.baseUrl(), "never-registered", org.peerbridge.server.security.auth.AdminBootstrap
                .newSigningKey("x"), "system/Task.rs", HttpClient.newHttpClient());
        assertRefused(post(form(unknown.assertion(Instant.now()), "system/Task.rs")), "Unknown or disabled client");
    }

    @Test
    void aDisabledClientIsRefused() throws Exception {
        TokenClient client = server.register("off-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        server.server().clients().setEnabled(client.clientId(), false);
        assertRefused(post(form(client.assertion(Instant.now()), "system/Task.rs")), "Unknown or disabled client");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        TokenClient client = server.register("none-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String unsigned = new PlainJWT(claims(client.clientId(), client.tokenEndpoint(), Instant.now().plusSeconds(60))).serialize();
        assertRefused(post(form(unsigned, "system/Task.rs")), "alg none is refused");
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        TokenClient client = server.register("hs-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String publicJwks = server.server().clients().find(client.clientId()).orElseThrow().jwks();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(client.clientId(), client.tokenEndpoint(),
                Instant.now().plusSeconds(60)));
        forged.sign(new MACSigner(publicJwks.getBytes(StandardCharsets.UTF_8)));
        assertRefused(post(form(forged.serialize(), "system/Task.rs")), "HS256 is refused");
    }

    @Test
    void aReusedAssertionIsRefused() throws Exception {
        TokenClient client = server.register("jti-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String assertion = client.assertion(Instant.now());
        assertEquals(200, post(form(assertion, "system/Task.rs")).statusCode());
        assertRefused(post(form(assertion, "system/Task.rs")), "was used before");
    }

    @Test
    void aWrongAudienceIsRefused() throws Exception {
        TokenClient client = server.register("aud-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String assertion = client.sign(claims(client.clientId(), "https://elsewhere.example.org/token", Instant.now().plusSeconds(60)));
        assertRefused(post(form(assertion, "system/Task.rs")), "aud must be this token endpoint");
    }

    @Test
    void anAssertionExpiringTooFarInTheFutureIsRefused() throws Exception {
        TokenClient client = server.register("far-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String assertion = client.sign(claims(client.clientId(), client.tokenEndpoint(), Instant.now().plusSeconds(3600)));
        assertRefused(post(form(assertion, "system/Task.rs")), "more than 5 minutes in the future");
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        TokenClient client = server.register("old-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String assertion = client.sign(claims(client.clientId(), client.tokenEndpoint(), Instant.now().minusSeconds(600)));
        assertRefused(post(form(assertion, "system/Task.rs")), "expired");
    }

    @Test
    void scopesTheClientWasNotRegisteredForAreRefused() throws Exception {
        TokenClient client = server.register("scope-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        HttpResponse<String> answer = post(form(client.assertion(Instant.now()), "system/Patient.r"));
        assertEquals(400, answer.statusCode());
        assertEquals("invalid_scope", JSONObjectUtils.parse(answer.body()).get("error"));
        HttpResponse<String> unknown = post(form(client.assertion(Instant.now()), "user/Task.rs"));
        assertEquals(400, unknown.statusCode());
        assertEquals("invalid_scope", JSONObjectUtils.parse(unknown.body()).get("error"));
    }

    @Test
    void malformedRequestsAreRefused() throws Exception {
        HttpResponse<String> grant = post("grant_type=password&scope=system%2FTask.rs");
        assertEquals(400, grant.statusCode());
        assertEquals("unsupported_grant_type", JSONObjectUtils.parse(grant.body()).get("error"));
        HttpResponse<String> noAssertion = post("grant_type=client_credentials&scope=system%2FTask.rs"
                + "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer");
        assertEquals(400, noAssertion.statusCode());
        assertEquals("invalid_request", JSONObjectUtils.parse(noAssertion.body()).get("error"));
        HttpResponse<String> notJwt = post(form("not-a-jwt", "system/Task.rs"));
        assertRefused(notJwt, "not a JWT");
    }

    @Test
    void aFhirClientGetsItsRefusalAsAnOperationOutcome() {
        HttpResponse<String> answer = server.sendWithoutToken("POST", "/auth/token", "application/x-www-form-urlencoded",
                form("not-a-jwt", "system/Task.rs"), "Accept", "application/fhir+json");
        assertEquals(401, answer.statusCode());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertEquals(OperationOutcome.IssueType.LOGIN, outcome.getIssueFirstRep().getCode());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().startsWith("invalid_client"));
    }

    @Test
    void anAssertionForAnotherServerIsRefusedWhateverTheHostHeaderSays() throws Exception {
        TokenClient client = server.register("host-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String elsewhere = "http://other-server.example/fhir/auth/token";
        String assertion = client.sign(claims(client.clientId(), elsewhere, Instant.now().plusSeconds(60)));
        String answer = postWithHost("other-server.example", form(assertion, "system/Task.rs"));
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.contains("aud must be this token endpoint"), answer);
    }

    @Test
    void anAssertionNamingAnAddressTheServerListensOnIsAccepted() throws Exception {
        TokenClient client = server.register("addr-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String byAddress = client.tokenEndpoint().replace("//localhost:", "//127.0.0.1:");
        String assertion = client.sign(claims(client.clientId(), byAddress, Instant.now().plusSeconds(60)));
        assertEquals(200, post(form(assertion, "system/Task.rs")).statusCode());
    }

    @Test
    void rsaKeysUnder2048BitsAreRefusedAtRegistrationAndWhenUsed() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        String jwks = new JWKSet(weak.toPublicJWK()).toString();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ClientRequests.registration("weak-" + Referrals.unique(), HOSPITAL, "system/Task.rs", jwks, null,
                        server.config().programOrg()));
        assertTrue(refused.getMessage().contains("at least 2048 bits"), refused.getMessage());

        String clientId = "weak-" + Referrals.unique(); // registered before the rule, or through a JWKS URL
        server.server().clients().add(new RegisteredClient(clientId, HOSPITAL, ScopeSet.parse("system/Task.rs"), jwks, null, true,
                System.currentTimeMillis()));
        String audience = server.register("aud-of-" + clientId, HOSPITAL, "system/Task.rs").tokenEndpoint();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("weak").build(),
                claims(clientId, audience, Instant.now().plusSeconds(60)));
        assertion.sign(new RSASSASigner(weak.toPrivateKey(), true)); // Nimbus itself refuses weak keys unless told
        assertRefused(post(form(assertion.serialize(), "system/Task.rs")), "fewer than 2048 bits");
    }

    @Test
    void anAssertionNotValidYetIsRefused() throws Exception {
        TokenClient client = server.register("nbf-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        JWTClaimsSet early = new JWTClaimsSet.Builder(claims(client.clientId(), client.tokenEndpoint(), Instant.now().plusSeconds(290)))
                .notBeforeTime(Date.from(Instant.now().plusSeconds(240))).build();
        assertRefused(post(form(client.sign(early), "system/Task.rs")), "not valid before");
    }

    @Test
    void disablingAClientEndsItsTokensAndEnablingItDoesNotReviveThem() throws Exception {
        TokenClient client = server.register("revoke-" + Referrals.unique(), HOSPITAL, "system/Task.rs");
        String before = client.accessToken();
        assertEquals(200, server.sendWithoutToken("GET", "/Task?_count=1", null, null, "Authorization", "Bearer " + before).statusCode());
        server.server().clients().setEnabled(client.clientId(), false);
        server.server().clients().setEnabled(client.clientId(), true);
        assertEquals(401, server.sendWithoutToken("GET", "/Task?_count=1", null, null, "Authorization", "Bearer " + before).statusCode());
        String after = (String) client.requestToken(client.assertion(Instant.now())).get("access_token");
        assertEquals(200, server.sendWithoutToken("GET", "/Task?_count=1", null, null, "Authorization", "Bearer " + after).statusCode());
    }

    /** A raw request: java.net.http does not let a caller choose the Host header. */
    private static String postWithHost(String host, String form) throws Exception {
        java.net.URI base = java.net.URI.create(server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            byte[] body = form.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + base.getPath() + "/auth/token HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> post(String form) {
        return server.sendWithoutToken("POST", "/auth/token", "application/x-www-form-urlencoded", form, "Accept", "application/json");
    }

    static String form(String assertion, String scope) {
        return "grant_type=client_credentials&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(assertion) + "&scope=" + encode(scope);
    }

    private static JWTClaimsSet claims(String clientId, String audience, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
    }

    private static void assertRefused(HttpResponse<String> answer, String reason) throws Exception {
        assertEquals(401, answer.statusCode(), answer.body());
        Map<String, Object> error = JSONObjectUtils.parse(answer.body());
        assertEquals("invalid_client", error.get("error"));
        assertTrue(((String) error.get("error_description")).contains(reason), answer.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
