package org.peerbridge.server.rest.openapi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /api/}: the API explorer, Swagger UI showing {@code /fhir/api-docs}. Every file comes from the
 * jar: the page and its start-up script from here, Swagger UI's bundle, style sheet and icons from its webjar.
 * It needs no sign-in (it shows the public API description); "Try it out" sends the bearer token the reader
 * pastes after "Authorize". Its Content-Security-Policy lets scripts, styles and requests come from this
 * server only.
 */
public final class ApiExplorerServlet extends HttpServlet {

    public static final String PATH = "/api";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final long serialVersionUID = 1L;
    private static final String OWN = "explorer/";
    private static final String WEBJAR = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /** The files served: name → media type; the first two are this package's, the rest Swagger UI's. */
    private static final Map<String, String> OWN_FILES = Map.of("index.html", "text/html;charset=utf-8",
            "explorer.js", "text/javascript;charset=utf-8");
    private static final Map<String, String> SWAGGER_UI_FILES = Map.of("swagger-ui-bundle.js", "text/javascript;charset=utf-8",
            "swagger-ui.css", "text/css;charset=utf-8", "favicon-32x32.png", "image/png", "favicon-16x16.png", "image/png");

    private final String swaggerUi = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            response.sendRedirect(PATH + "/"); // the page's relative links need the slash
            return;
        }
        String name = pathInfo.equals("/") ? "index.html" : pathInfo.substring(1);
        InputStream in = OWN_FILES.containsKey(name) ? ApiExplorerServlet.class.getResourceAsStream(OWN + name)
                : SWAGGER_UI_FILES.containsKey(name) ? ApiExplorerServlet.class.getResourceAsStream(swaggerUi + name) : null;
        if (in == null) {
            response.sendError(404);
            return;
        }
        try (in) {
            response.setContentType(OWN_FILES.getOrDefault(name, SWAGGER_UI_FILES.get(name)));
            response.setHeader("Content-Security-Policy", POLICY);
            if (SWAGGER_UI_FILES.containsKey(name)) {
                response.setHeader("Cache-Control", "max-age=3600");
            }
            in.transferTo(response.getOutputStream());
        }
    }

    /** The Swagger UI version on the class path: its files are under a folder named after it. */
    private static String webjarVersion() {
        try (InputStream in = ApiExplorerServlet.class.getResourceAsStream(WEBJAR)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI's webjar is not on the class path (" + WEBJAR + ")");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
