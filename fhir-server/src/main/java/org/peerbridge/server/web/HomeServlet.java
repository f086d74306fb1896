package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.peerbridge.server.security.audit.AuditContext;

/** The default servlet: {@code /} opens the referral list; any other unknown path is a 404 page. */
final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Pages pages;

    HomeServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (WebPaths.path(request).equals("/")) {
            AuditContext.current().ifPresent(a -> a.interaction("page-home", "R", null, null));
            response.sendRedirect(WebPaths.REFERRALS);
            return;
        }
        pages.refuse(response, 404, "There is no such page.");
    }
}
