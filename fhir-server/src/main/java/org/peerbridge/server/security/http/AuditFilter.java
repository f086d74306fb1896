package org.peerbridge.server.security.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.audit.AuditRecord;
import org.peerbridge.server.security.audit.AuditTrail;
import org.peerbridge.server.security.audit.QueryRedaction;
import org.peerbridge.server.storage.ReadScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter: opens the request's audit record before anything can refuse it, and stores it
 * with the final status just before the answer leaves ({@link AuditedResponse}), so every request (refused,
 * failed or served) leaves exactly one AuditEvent, and no answer leaves without it: when the audit row cannot
 * be stored, the request is answered 503 and the failure is logged as an error. The discovery document and
 * the CapabilityStatement are public and not audited.
 */
public final class AuditFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditTrail trail;
    private final QueryRedaction redaction;
    private final ErrorAnswerWriter errorAnswers;

    public AuditFilter(AuditTrail trail, QueryRedaction redaction, ErrorAnswerWriter errorAnswers) {
        this.trail = trail;
        this.redaction = redaction;
        this.errorAnswers = errorAnswers;
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
        AuditedResponse audited = new AuditedResponse(response, status -> trail.finish(record, status));
        boolean answered = false;
        try (ReadScope.Binding bound = AuditContext.bind(record)) {
            chain.doFilter(req, audited);
            answered = true;
        } finally {
            int status = answered ? audited.getStatus() : 500; // a request that failed without answering is a server failure
            if (!audited.audit(status)) {
                LOG.error("Audit event {} could not be stored ({} {}): the answer was withheld", record.id(), request.getMethod(),
                        request.getRequestURI(), audited.withheld());
                withhold(request, response);
            } else if (audited.auditedStatus() != status) {
                recordLateFailure(record, status, request);
            }
        }
    }

    /** The answer had begun (and its row was stored) when the request failed after all: the row gets the failure. */
    private void recordLateFailure(AuditRecord record, int status, HttpServletRequest request) {
        try {
            trail.finish(record, status);
        } catch (RuntimeException e) {
            LOG.error("Audit event {} could not record the late failure of {} {}", record.id(), request.getMethod(), request.getRequestURI(), e);
        }
    }

    /** The answer of a request whose audit row could not be stored: 503, nothing of what the request asked for. */
    private void withhold(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return; // nothing of the answer went through AuditedResponse; only Jetty itself can have committed it
        }
        response.reset();
        response.setHeader("Retry-After", "10");
        errorAnswers.write(request, response, 503, IssueType.TRANSIENT, null,
                "The audit trail cannot be written just now, so this request is not answered; try again later");
    }
}
