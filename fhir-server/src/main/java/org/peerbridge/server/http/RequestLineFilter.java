package org.peerbridge.server.http;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Checks the request line before anything reads it: a method the API does not have gets 405 with an
 * Allow header (PATCH included: resources change by PUT), and the query string must be well-formed
 * ({@link QueryParameters}), so HAPI never meets a broken %-escape or an unknown _summary.
 */
public final class RequestLineFilter implements Filter {

    public static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private final ErrorAnswerWriter errorAnswers;

    public RequestLineFilter(FhirContext fhirContext) {
        this.errorAnswers = new ErrorAnswerWriter(fhirContext);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", ALLOWED_METHODS);
            errorAnswers.write(request, response, 405, IssueType.NOTSUPPORTED, null,
                    "Method " + printable(request.getMethod()) + " is not supported; allowed: " + ALLOWED_METHODS);
            return;
        }
        try {
            QueryParameters.parse(request.getQueryString());
        } catch (RefusedInput refused) {
            errorAnswers.write(request, response, 400, refused.code(), refused.location(), refused.getMessage());
            return;
        }
        chain.doFilter(req, res);
    }

    private static String printable(String method) {
        return method.length() > 20 ? method.substring(0, 20) + "..." : method;
    }
}
