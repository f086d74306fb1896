package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.mapping.access.RolePermissions;
import org.peerbridge.server.security.users.WebSessions;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the page templates (Thymeleaf, from the jar's {@code org/peerbridge/server/web/templates}).
 * Thymeleaf escapes every {@code th:text} value, so a patient named {@code <script>} is shown as text.
 */
final class Pages {

    private final TemplateEngine engine = new TemplateEngine();

    Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("org/peerbridge/server/web/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    /** Writes the page; {@code signedIn} (the session, for the header and its sign-out form) may be null. */
    void render(HttpServletResponse response, int status, String template, Map<String, Object> variables, Object signedIn)
            throws IOException {
        Context context = new Context();
        context.setVariables(variables);
        context.setVariable("signedIn", signedIn);
        context.setVariable("seesProgram", signedIn instanceof WebSessions.Active active
                && RolePermissions.refuseInteraction(active.user().role(), Interaction.PROGRAM_PAGE, null).isEmpty());
        context.setVariable("csrfField", WebPaths.CSRF_FIELD);
        String page = engine.process(template, context); // whole, so a template failure is a clean 500, never half a page
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write(page);
    }

    /** A page for the current request, with the signed-in user's header. */
    void render(HttpServletRequest request, HttpServletResponse response, String template, Map<String, Object> variables)
            throws IOException {
        render(response, 200, template, variables, request.getAttribute(WebPaths.SESSION_ATTRIBUTE));
    }

    /** A refusal or error page that says what happened and nothing about any data. */
    void refuse(HttpServletResponse response, int status, String message) throws IOException {
        render(response, status, "message", Map.of("title", status == 404 ? "Not found" : "Refused", "message", message), null);
    }
}
