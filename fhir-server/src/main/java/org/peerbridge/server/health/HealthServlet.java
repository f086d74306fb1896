package org.peerbridge.server.health;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /health/live} (the process answers HTTP: 200) and {@code /health/ready} (200 when
 * {@link Readiness} passes, else 503), outside /fhir and without a token, for load balancers and
 * orchestrators. Plain JSON: {@code {"status":"ready","checks":{"database":"up",...}}}. Nothing in
 * it is about patients or clients.
 */
public final class HealthServlet extends HttpServlet {

    private final Readiness readiness;

    public HealthServlet(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/live" -> write(response, 200, "{\"status\":\"live\"}");
            case "/ready" -> {
                Map<String, Boolean> checks = readiness.checks();
                boolean ready = !checks.containsValue(false);
                String detail = checks.entrySet().stream()
                        .map(check -> "\"" + check.getKey() + "\":\"" + (check.getValue() ? "up" : "down") + "\"")
                        .collect(Collectors.joining(",", "{", "}"));
                write(response, ready ? 200 : 503, "{\"status\":\"" + (ready ? "ready" : "not-ready") + "\",\"checks\":" + detail + "}");
            }
            default -> write(response, 404, "{\"status\":\"unknown\",\"paths\":[\"/health/live\",\"/health/ready\"]}");
        }
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
