package org.peerbridge.server.web;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * A small EHR for the launch tests, on real HTTP: its SMART configuration, an authorize endpoint that approves
 * at once (after checking what a SMART EHR checks: client, redirect URI, launch, audience, scopes, PKCE S256), a
 * token endpoint that checks the code, the PKCE verifier and PeerBridge's signed client assertion (against
 * PeerBridge's published keys) and answers with an access token, the patient context and an RS256 id_token, its
 * JWKS, and {@code Patient/[id]} for the launch's access token. A launch can be made to go wrong the ways a test
 * needs ({@link Fault}).
 */
final class TestEhr implements AutoCloseable {

    static final String CLIENT_ID = "peerbridge";
    static final String USER = "Practitioner/dr-ehr";

    /** How a launch's id_token goes wrong, if it does. */
    enum Fault { NONE, SIGNED_BY_ANOTHER_KEY, EXPIRED }

    private record Launch(String patient, Fault fault) { }

    private record Grant(Launch launch, String redirectUri, String challenge, String nonce) { }

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final RSAKey key = rsa("test-ehr");
    private final RSAKey impostor = rsa("test-ehr"); // same key id, other key: its signature must not verify
    private final String peerBridgeKeys;
    private final Map<String, Patient> patients = new ConcurrentHashMap<>();
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Launch> accessTokens = new ConcurrentHashMap<>();
    private volatile String lastRefusal = "none";

    /** @param peerBridgeKeys where PeerBridge publishes the keys of its client assertions */
    TestEhr(String peerBridgeKeys) throws IOException {
        this.peerBridgeKeys = peerBridgeKeys;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(threads);
        http.createContext("/fhir/.well-known/smart-configuration", e -> json(e, 200, smartConfiguration()));
        http.createContext("/authorize", this::authorize);
        http.createContext("/token", this::token);
        http.createContext("/jwks", e -> json(e, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        http.createContext("/fhir/Patient/", this::patient);
        http.start();
    }

    /** The EHR's FHIR base: the launch's iss. */
    String issuer() {
        return root() + "/fhir";
    }

    String jwksUrl() {
        return root() + "/jwks";
    }

    /** A patient of the EHR's own, with identifiers as the EHR knows them. */
    void patient(String id, Identifier... identifiers) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.setIdentifier(List.of(identifiers));
        patients.put(id, patient);
    }

    /** A new launch in the context of a patient: the launch parameter the EHR opens PeerBridge with. */
    String launch(String patient, Fault fault) {
        String launch = UUID.randomUUID().toString();
        launches.put(launch, new Launch(patient, fault));
        return launch;
    }

    /** Why the EHR last refused a request of PeerBridge's, for a failing test's message. */
    String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    private String root() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private Map<String, Object> smartConfiguration() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", issuer());
        config.put("jwks_uri", jwksUrl());
        config.put("authorization_endpoint", root() + "/authorize");
        config.put("token_endpoint", root() + "/token");
        config.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        config.put("code_challenge_methods_supported", List.of("S256"));
        config.put("capabilities", List.of("launch-ehr", "client-confidential-asymmetric", "sso-openid-connect", "context-ehr-patient"));
        return config;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Launch launch = launches.remove(String.valueOf(query.get("launch")));
        String problem = !"code".equals(query.get("response_type")) ? "response_type must be code"
                : !CLIENT_ID.equals(query.get("client_id")) ? "unknown client_id"
                : launch == null ? "unknown or used launch"
                : !issuer().equals(query.get("aud")) ? "aud must be this EHR's FHIR base"
                : !Set.of(String.valueOf(query.get("scope")).split(" ")).containsAll(Set.of("launch", "openid", "fhirUser", "patient/Patient.r"))
                        ? "scope must ask for launch openid fhirUser patient/Patient.r"
                : !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null ? "PKCE S256 is required"
                : query.get("state") == null || query.get("nonce") == null || query.get("redirect_uri") == null ? "state, nonce and redirect_uri are required"
                : null;
        if (problem != null) {
            lastRefusal = "authorize: " + problem;
            text(exchange, 400, "authorize refused: " + problem);
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(launch, query.get("redirect_uri"), query.get("code_challenge"), query.get("nonce")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(body.get("code")));
        String problem = !"authorization_code".equals(body.get("grant_type")) ? "grant_type must be authorization_code"
                : grant == null ? "unknown or used code"
                : !grant.redirectUri().equals(body.get("redirect_uri")) ? "redirect_uri differs from the authorize request's"
                : !grant.challenge().equals(s256(body.get("code_verifier"))) ? "the code_verifier does not match the code_challenge"
                : clientAssertionProblem(body);
        if (problem != null) {
            lastRefusal = "token: " + problem;
            json(exchange, 400, Map.of("error", "invalid_grant", "error_description", problem));
            return;
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.launch());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", accessToken);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("scope", "launch openid fhirUser patient/Patient.r");
        answer.put("id_token", idToken(grant));
        answer.put("patient", grant.launch().patient());
        json(exchange, 200, answer);
    }

    /** PeerBridge's private_key_jwt: signed with a key it publishes, by and about its client id, for this token endpoint. */
    private String clientAssertionProblem(Map<String, String> body) {
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(body.get("client_assertion_type"))) {
            return "a client assertion is required";
        }
        try {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES384,
                    JWKSourceBuilder.create(URI.create(peerBridgeKeys).toURL()).build()));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(root() + "/token",
                    new JWTClaimsSet.Builder().issuer(CLIENT_ID).subject(CLIENT_ID).build(), Set.of("exp", "jti")));
            processor.process(body.get("client_assertion"), null);
            return null;
        } catch (Exception e) {
            return "client assertion refused: " + e.getMessage();
        }
    }

    private String idToken(Grant grant) {
        long now = System.currentTimeMillis();
        long expires = grant.launch().fault() == Fault.EXPIRED ? now - 600_000 : now + 300_000;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(USER).audience(CLIENT_ID).claim("nonce", grant.nonce())
                .claim("fhirUser", issuer() + "/" + USER).issueTime(new Date(expires - 300_000)).expirationTime(new Date(expires)).build();
        RSAKey signer = grant.launch().fault() == Fault.SIGNED_BY_ANOTHER_KEY ? impostor : key;
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void patient(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/fhir/Patient/".length());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Launch launch = authorization == null ? null : accessTokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (launch == null || !launch.patient().equals(id) || !patients.containsKey(id)) {
            text(exchange, 403, "not this launch's patient");
            return;
        }
        byte[] body = FHIR.newJsonParser().encodeResourceToString(patients.get(id)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String s256(String verifier) {
        try {
            return verifier == null ? "" : Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
