package org.peerbridge.server.security.auth;

/**
 * A refused token request, with the OAuth 2.0 error code (RFC 6749 section 5.2) and the HTTP status:
 * 401 when the client could not be authenticated, 400 for a malformed request.
 */
public final class TokenError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    private TokenError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static TokenError invalidClient(String description) {
        return new TokenError(401, "invalid_client", description);
    }

    public static TokenError invalidRequest(String description) {
        return new TokenError(400, "invalid_request", description);
    }

    public static TokenError unsupportedGrantType(String description) {
        return new TokenError(400, "unsupported_grant_type", description);
    }

    public static TokenError invalidScope(String description) {
        return new TokenError(400, "invalid_scope", description);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
