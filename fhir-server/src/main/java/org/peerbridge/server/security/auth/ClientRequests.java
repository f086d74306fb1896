package org.peerbridge.server.security.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import org.peerbridge.server.security.scope.Scope;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * Checks what an operator asks to register, from the {@code clients} command or the admin endpoint:
 * an id, an Organization reference, scopes PeerBridge grants (the admin scope only for the program's own
 * clients), and exactly one key source, public keys only.
 */
public final class ClientRequests {

    /** NIST SP 800-131A and SMART's guidance: shorter RSA keys are refused at registration and when used. */
    public static final int MIN_RSA_BITS = 2048;

    private ClientRequests() {
    }

    /** The registration, enabled; IllegalArgumentException saying what is wrong. */
    public static RegisteredClient registration(String clientId, String organization, String scopes, String jwks, String jwksUrl,
            String programOrganization) {
        if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("The client id must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (organization == null || !organization.matches("Organization/[A-Za-z0-9\\-.]{1,64}")) {
            throw new IllegalArgumentException("The organization must be a reference like Organization/general-hospital");
        }
        ScopeSet parsedScopes = ScopeSet.parse(scopes == null ? "" : scopes);
        if (parsedScopes.isEmpty()) {
            throw new IllegalArgumentException("At least one scope is needed");
        }
        if (parsedScopes.admin() && !organization.equals(programOrganization)) {
            // it would make no admin of them (Role.of), only a scope that looks like more than it is
            throw new IllegalArgumentException("The " + Scope.ADMIN + " scope is for clients of the program's Organization ("
                    + programOrganization + "); a client of " + organization + " acts as a referrer");
        }
        if ((jwks == null) == (jwksUrl == null)) {
            throw new IllegalArgumentException("Give exactly one key source: a public JWKS, or the URL of one");
        }
        return new RegisteredClient(clientId, organization, parsedScopes, jwks == null ? null : publicKeys(jwks),
                jwksUrl == null ? null : httpUrl(jwksUrl, "JWKS URL"), true, System.currentTimeMillis());
    }

    /** A JWKS of public keys only, RSA ones long enough, as JSON; IllegalArgumentException otherwise. */
    public static String publicKeys(String jwks) {
        try {
            JWKSet set = JWKSet.parse(jwks);
            if (set.getKeys().isEmpty() || set.getKeys().stream().anyMatch(JWK::isPrivate)) {
                throw new IllegalArgumentException("The JWKS must hold public keys only, at least one");
            }
            for (JWK key : set.getKeys()) {
                if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RSA keys need at least " + MIN_RSA_BITS + " bits; key "
                            + (key.getKeyID() == null ? "" : "'" + key.getKeyID() + "' ") + "has " + rsa.size());
                }
            }
            return set.toString();
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a JWKS: " + e.getMessage(), e);
        }
    }

    /** An RSA public key shorter than {@link #MIN_RSA_BITS} (e.g. fetched from a JWKS URL after registration). */
    static boolean isWeakRsa(java.security.Key key) {
        return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS;
    }

    /** An http(s) URL with a host; IllegalArgumentException naming {@code what} otherwise. */
    public static String httpUrl(String url, String what) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " is not a URL: " + url, e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " must be an http(s) URL, not " + url);
        }
        return url;
    }
}
