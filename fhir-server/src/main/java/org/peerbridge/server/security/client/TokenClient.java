package org.peerbridge.server.security.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The client side of SMART Backend Services, as an EHR would do it: finds the token endpoint in
 * .well-known/smart-configuration, signs a client assertion with the client's private key (ES384 for EC
 * keys, RS384 for RSA keys) and trades it for an access token, which it reuses until shortly before it
 * expires. Used by the {@code token} command and by the tests.
 */
public final class TokenClient {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final String fhirBase;
    private final String clientId;
    private final JWK privateKey;
    private final String scope;
    private final HttpClient http;
    private String tokenEndpoint;
    private String accessToken;
    private Instant expires = Instant.EPOCH;

    public TokenClient(String fhirBase, String clientId, JWK privateKey, String scope, HttpClient http) {
        this.fhirBase = fhirBase.replaceAll("/+$", "");
        this.clientId = clientId;
        this.privateKey = privateKey;
        this.scope = scope;
        this.http = http;
    }

    public String clientId() {
        return clientId;
    }

    /** A live access token, fetched anew when the last one is about to expire. */
    public synchronized String accessToken() {
        if (accessToken == null || Instant.now().isAfter(expires.minus(RENEW_BEFORE_EXPIRY))) {
            Map<String, Object> answer = requestToken(assertion(Instant.now()));
            accessToken = (String) answer.get("access_token");
            expires = Instant.now().plusSeconds(((Number) answer.get("expires_in")).longValue());
        }
        return accessToken;
    }

    /** The token endpoint named by the server's discovery document. */
    public synchronized String tokenEndpoint() {
        if (tokenEndpoint == null) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(fhirBase + "/.well-known/smart-configuration"))
                    .header("Accept", "application/json").GET().build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(fhirBase + " is not the base URL of a SMART server: its .well-known/smart-configuration"
                        + " answered " + response.statusCode() + " (a PeerBridge server's base URL ends in /fhir)");
            }
            tokenEndpoint = (String) parse(response).get("token_endpoint");
        }
        return tokenEndpoint;
    }

    /** A fresh signed client assertion for this server's token endpoint (a new jti each time). */
    public String assertion(Instant now) {
        return sign(new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint())
                .expirationTime(Date.from(now.plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build());
    }

    /** Signs claims with the client's key, typ JWT, kid of the key. */
    public String sign(JWTClaimsSet claims) {
        return sign(privateKey, claims);
    }

    /** Signs claims with a private key: ES384 for an EC key, RS384 for an RSA key; typ JWT, kid of the key. */
    public static String sign(JWK privateKey, JWTClaimsSet claims) {
        try {
            boolean ec = privateKey instanceof ECKey;
            JWSSigner signer = ec ? new ECDSASigner((ECKey) privateKey) : new RSASSASigner(privateKey.toRSAKey());
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384)
                    .type(JOSEObjectType.JWT).keyID(privateKey.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the client assertion with key " + privateKey.getKeyID(), e);
        }
    }

    /** POSTs the client_credentials request; throws with the server's error when it refuses. */
    public Map<String, Object> requestToken(String assertion) {
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(assertion)
                + (scope == null ? "" : "&scope=" + encode(scope));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return parse(response);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("Cannot reach " + request.uri() + ": nothing accepts connections there (is the server running?)", e);
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("Cannot reach " + request.uri() + ": no answer in time", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + request.uri() + ": " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    private static Map<String, Object> parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new IllegalStateException(response.uri() + " answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
