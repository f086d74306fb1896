package org.peerbridge.bench.scenario;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An EHR of one referring organization, as a scenario needs one to send what only that organization may see:
 * registered through PeerBridge's admin API (with the run's admin token) with an ES384 key made here, and its
 * access token from the token endpoint (SMART Backend Services).
 */
final class OrganizationClient {

    private OrganizationClient() {
    }

    /** Registers client {@code clientId} for {@code organization} with every system scope; its access token. */
    static String token(ServerSetup server, String clientId, String organization) throws IOException, InterruptedException {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_384).keyID(clientId).algorithm(JWSAlgorithm.ES384).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a P-384 key", e);
        }
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("client_id", clientId);
        registration.put("organization", organization);
        registration.put("scope", "system/*.cruds");
        registration.put("jwks", new JWKSet(key.toPublicJWK()).toJSONObject());
        server.send(new BenchRequest("POST", "auth/clients", "application/json",
                JSONObjectUtils.toJSONString(registration).getBytes(StandardCharsets.UTF_8)));
        String tokenEndpoint = field(server.exchange(new BenchRequest("GET", ".well-known/smart-configuration", null, null)
                .withHeader("Accept", "application/json")), "token_endpoint");
        String form = "grant_type=client_credentials&scope=" + encode("system/*.cruds")
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(assertion(key, clientId, tokenEndpoint));
        return field(server.exchange(new BenchRequest("POST", "auth/token", BenchRequest.FORM, form.getBytes(StandardCharsets.UTF_8))
                .withHeader("Accept", "application/json")), "access_token");
    }

    private static String assertion(ECKey key, String clientId, String audience) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                            .expirationTime(new Date(System.currentTimeMillis() + 240_000)).jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the client assertion", e);
        }
    }

    private static String field(ServerSetup.Answer answer, String name) throws IOException {
        try {
            String value = answer.status() == 200 ? JSONObjectUtils.getString(JSONObjectUtils.parse(answer.bodyText()), name) : null;
            if (value == null) {
                throw new IOException("no " + name + " in the answer " + answer.status() + ": " + answer.bodyText());
            }
            return value;
        } catch (ParseException e) {
            throw new IOException("the answer for " + name + " is not JSON: " + answer.bodyText(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
