package org.peerbridge.server.security.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.audit.AuditRecord;
import org.peerbridge.server.security.audit.AuditTrail;
import org.peerbridge.server.security.audit.QueryRedaction;
import org.peerbridge.server.storage.ReadScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter: opens the request's audit record before anything can refuse it, and stores it
 * with the final status once the answer is decided, so every request (refused, failed or served)
 * leaves exactly one AuditEvent. The discovery document and the CapabilityStatement are public and
 * not audited.
 */
public final class AuditFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditTrail trail;
    private final QueryRedaction redaction;

    public AuditFilter(AuditTrail trail, QueryRedaction redaction) {
        this.trail = trail;
        this.redaction = redaction;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (PublicPaths.isPublic(request)) {
            chain.doFilter(req, res);
            return;
        }
        AuditRecord record = new AuditRecord(System.currentTimeMillis(), request.getRemoteAddr(), request.getMethod(),
                redaction.redact(request.getRequestURI(), request.getQueryString()));
        int status = 500;
        try (ReadScope.Binding bound = AuditContext.bind(record)) {
            chain.doFilter(req, res);
            status = response.getStatus();
        } finally {
            try {
                trail.finish(record, status);
            } catch (RuntimeException e) {
                // the answer has gone; losing a read's audit row must be visible to operators, never silent
                LOG.error("Audit event {} could not be stored ({} {})", record.id(), request.getMethod(), request.getRequestURI(), e);
            }
        }
    }
}
