package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.audit.AuditContext;

/**
 * The default servlet: {@code /} opens the referral list; any other unknown path is a 404 page for a browser,
 * and a 404 OperationOutcome for a client that does not ask for HTML (a path outside /fhir is still answered in FHIR).
 */
final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Pages pages;
    private final transient ErrorAnswerWriter errorAnswers;

    HomeServlet(Pages pages, ErrorAnswerWriter errorAnswers) {
        this.pages = pages;
        this.errorAnswers = errorAnswers;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (WebPaths.path(request).equals("/")) {
            AuditContext.current().ifPresent(a -> a.interaction("page-home", "R", null, null));
            response.sendRedirect(WebPaths.REFERRALS);
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            pages.refuse(response, 404, "There is no such page.");
        } else {
            errorAnswers.write(request, response, 404, IssueType.NOTFOUND, null, "Nothing is served at this path; the FHIR API is at /fhir");
        }
    }
}
