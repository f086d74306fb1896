package org.peerbridge.server.security.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.access.CallerFactory;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.auth.AccessTokens;
import org.peerbridge.server.security.auth.GrantCache;
import org.peerbridge.server.security.scope.ScopeSet;
import org.peerbridge.server.storage.Database;
import org.peerbridge.server.storage.ReadScope;

/**
 * Resource server side of SMART Backend Services: every request but the public ones and the token
 * endpoint needs "Authorization: Bearer" with a live token of an enabled client, else 401 with
 * WWW-Authenticate (RFC 6750) and an OperationOutcome. A client over its rate limit gets 429 with
 * Retry-After. The caller and what it may read are bound for the rest of the request.
 */
public final class AuthenticationFilter implements Filter {

    private static final String REALM = "Bearer realm=\"PeerBridge\"";

    private final Database database;
    private final GrantCache grants;
    private final CallerFactory callers;
    private final ErrorAnswerWriter errorAnswers;
    private final Clock clock;
    private final boolean authEnabled;
    private final RateLimiter rateLimiter;

    public AuthenticationFilter(Database database, GrantCache grants, CallerFactory callers, ErrorAnswerWriter errorAnswers, Clock clock,
            boolean authEnabled, int rateLimitPerMinute) {
        this.database = database;
        this.grants = grants;
        this.callers = callers;
        this.errorAnswers = errorAnswers;
        this.clock = clock;
        this.authEnabled = authEnabled;
        this.rateLimiter = new RateLimiter(rateLimitPerMinute);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (PublicPaths.isPublic(request) || PublicPaths.isTokenEndpoint(request)) {
            chain.doFilter(req, res);
            return;
        }
        Caller caller;
        if (authEnabled) {
            Optional<Caller> authenticated = authenticate(request, response);
            if (authenticated.isEmpty()) {
                return;
            }
            caller = authenticated.get();
        } else {
            caller = callers.development();
        }
        AuditContext.current().ifPresent(audit -> audit.client(caller.clientId(), caller.organization()));
        try (ReadScope.Binding c = CallerContext.bind(caller); ReadScope.Binding r = ReadScope.bind(callers.readScope(caller))) {
            chain.doFilter(req, res);
        }
    }

    /** The caller of a valid token; otherwise the 401 has been written and empty is returned. */
    private Optional<Caller> authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            refuse(response, REALM, "No access token: send 'Authorization: Bearer <token>' (get one from the token endpoint"
                    + " named in .well-known/smart-configuration)");
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            refuse(response, REALM + ", error=\"invalid_request\"", "The Authorization header must be 'Bearer <token>'");
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        long now = clock.millis();
        Optional<AccessTokens.Grant> grant = grants.find(token);
        grant.ifPresent(g -> AuditContext.current().ifPresent(audit -> audit.client(g.clientId(), g.organization())));
        String problem = grant.isEmpty() ? "The access token is not known here: it was revoked (its client was disabled) or never issued by this server"
                : grant.get().expires() <= now ? "The access token has expired; request a new one"
                : !grant.get().clientEnabled() ? "The client of this access token is disabled" : null;
        if (problem != null) {
            refuse(response, REALM + ", error=\"invalid_token\", error_description=\"" + problem + "\"", problem);
            return Optional.empty();
        }
        OptionalLong retryAfter = database.inTransaction(c -> rateLimiter.admit(c, grant.get().clientId(), now));
        if (retryAfter.isPresent()) {
            String message = "Rate limit exceeded for this client; retry in " + retryAfter.getAsLong() + " s";
            AuditContext.current().ifPresent(audit -> audit.refused(message));
            response.setHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
            response.setHeader("Connection", "close");
            errorAnswers.write(response, 429, IssueType.THROTTLED, null, message);
            return Optional.empty();
        }
        AccessTokens.Grant valid = grant.get();
        return Optional.of(callers.caller(valid.clientId(), valid.organization(), ScopeSet.parse(valid.scopes())));
    }

    private void refuse(HttpServletResponse response, String challenge, String message) throws IOException {
        AuditContext.current().ifPresent(audit -> audit.refused(message));
        response.setHeader("Connection", "close"); // a refused request's body is never read
        response.setHeader("WWW-Authenticate", challenge);
        errorAnswers.write(response, 401, IssueType.LOGIN, null, message);
    }
}
