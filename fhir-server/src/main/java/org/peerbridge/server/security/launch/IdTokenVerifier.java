package org.peerbridge.server.security.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Set;
import org.peerbridge.server.security.auth.KeySources;

/**
 * Checks an EHR's OpenID Connect id_token with Nimbus JOSE+JWT: signed (RS256, RS384, ES256 or ES384: RS256 is
 * OpenID Connect's default, so EHRs use it) by a key the EHR's registration names, issued by the EHR, addressed
 * to PeerBridge's client id there, not expired (a minute's clock skew allowed), with this launch's nonce, a
 * subject and a {@code fhirUser}. "none" and HMAC never verify: only the algorithms above select a key.
 */
final class IdTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final KeySources keys = new KeySources();

    /** The id_token's fhirUser claim, once everything above holds; otherwise a 403 refusal saying what did not. */
    String fhirUser(String idToken, EhrRegistration ehr, String issuer, String nonce) {
        if (idToken == null) {
            throw refused("the EHR sent no id_token");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys.of("ehr:" + ehr.name(), ehr.jwks(), ehr.jwksUrl())));
        } catch (IllegalArgumentException e) {
            throw refused("the EHR's registered keys are unusable");
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(ehr.clientId(),
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", nonce).build(), Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet verified;
        try {
            verified = processor.process(idToken, null);
        } catch (ParseException e) {
            throw refused("the id_token is not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw refused(e.getMessage());
        }
        if (!(verified.getClaim("fhirUser") instanceof String fhirUser) || fhirUser.isBlank()) {
            throw refused("the id_token names no fhirUser");
        }
        return fhirUser;
    }

    private static LaunchRefusal refused(String why) {
        return new LaunchRefusal(403, "PeerBridge could not verify who you are: the EHR's identity token was refused (" + why
                + "). Open PeerBridge from the EHR again; if this persists, tell your administrator.", "id_token refused: " + why);
    }
}
