package org.peerbridge.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** {@code /assets/*}: the style sheet, served from the jar (nothing comes from another host). */
final class AssetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> ASSETS = Map.of("peerbridge.css", "text/css;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String type = ASSETS.get(name);
        try (InputStream in = type == null ? null : AssetServlet.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            response.setContentType(type);
            response.setHeader("Cache-Control", "max-age=3600");
            in.transferTo(response.getOutputStream());
        }
    }
}
