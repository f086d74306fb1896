package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.mapping.access.RolePermissions;
import org.peerbridge.server.population.ProgramOutcomesReports;
import org.peerbridge.server.security.access.Caller;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.web.view.ProgramView;

/**
 * {@code /program}: the program's outcomes per instrument and time point, with their confidence intervals, and
 * the engagement funnel, for the program's staff ({@link Interaction#PROGRAM_PAGE}); a referring organization's
 * user is refused (403). The figures are the report {@code $program-outcomes} answers the same user, computed by
 * the same {@link ProgramOutcomesReports} under the same read scope, so the page and the API agree.
 */
final class ProgramServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ProgramOutcomesReports reports;
    private final transient Pages pages;

    ProgramServlet(ProgramOutcomesReports reports, Pages pages) {
        this.reports = reports;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditContext.current().ifPresent(a -> a.interaction("page-program", "R", null, null));
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            pages.refuse(response, 404, "There is no such page.");
            return;
        }
        // no signed-in caller bound (a gate that let the path through) is refused too: the page never falls back to seeing everything
        Optional<String> refusal = CallerContext.current().map(Caller::role)
                .map(role -> RolePermissions.refuseInteraction(role, Interaction.PROGRAM_PAGE, null))
                .orElse(Optional.of("program-page: nobody is signed in"));
        if (refusal.isPresent()) {
            AuditContext.current().ifPresent(a -> a.refused(refusal.get()));
            pages.refuse(response, 403, "The program's outcomes page is for the program's staff.");
            return;
        }
        ProgramView view = ProgramView.of(reports.report(null, null, Set.of()));
        pages.render(request, response, "program", Map.of("program", view));
    }
}
