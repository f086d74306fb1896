package org.peerbridge.server.security.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.mapping.access.Interaction;
import org.peerbridge.server.http.OutcomeWriter;
import org.peerbridge.server.security.access.CallerContext;
import org.peerbridge.server.security.audit.AuditContext;

/**
 * Client management over HTTP for the admin scope, as the {@code clients} command does it on the database:
 * {@code GET [base]/auth/clients}, {@code POST [base]/auth/clients} with
 * {@code {"client_id", "organization", "scope", "jwks" | "jwks_uri"}} (RFC 7591 names), and
 * {@code POST [base]/auth/clients/{id}/disable} or {@code /enable}. Refusals are OperationOutcomes.
 */
public final class ClientAdminEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ClientRegistry registry;
    private final transient OutcomeWriter outcomes;

    public ClientAdminEndpoint(ClientRegistry registry, OutcomeWriter outcomes) {
        this.registry = registry;
        this.outcomes = outcomes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admin(response, "list", null) || !collectionPath(request, response)) {
            return;
        }
        List<Object> clients = new ArrayList<>();
        registry.list().forEach(client -> clients.add(describe(client)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clients", clients);
        TokenEndpoint.json(response, 200, body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.matches("/[A-Za-z0-9._-]{1,128}/(disable|enable)")) {
            String clientId = path.substring(1, path.lastIndexOf('/'));
            boolean enable = path.endsWith("/enable");
            if (!admin(response, enable ? "enable" : "disable", clientId)) {
                return;
            }
            if (!registry.setEnabled(clientId, enable)) {
                outcomes.write(response, 404, IssueType.NOTFOUND, null, "No client '" + clientId + "' is registered");
                return;
            }
            TokenEndpoint.json(response, 200, describe(registry.find(clientId).orElseThrow()));
            return;
        }
        if (!admin(response, "add", null) || !collectionPath(request, response)) {
            return;
        }
        register(request, response);
    }

    private void register(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RegisteredClient client;
        try {
            Map<String, Object> body = JSONObjectUtils.parse(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Object jwks = body.get("jwks");
            client = ClientRequests.registration(text(body, "client_id"), text(body, "organization"), text(body, "scope"),
                    jwks == null ? null : JSONObjectUtils.toJSONString(JSONObjectUtils.getJSONObject(body, "jwks")), text(body, "jwks_uri"));
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            outcomes.write(response, 400, IssueType.INVALID, null, "Not a client registration: " + e.getMessage());
            return;
        }
        AuditContext.current().ifPresent(audit -> audit.interaction("client-add", "C", "Client", client.clientId()));
        if (!registry.add(client)) {
            outcomes.write(response, 409, IssueType.DUPLICATE, null, "A client '" + client.clientId() + "' is already registered");
            return;
        }
        response.setHeader("Location", request.getRequestURL() + "/" + client.clientId());
        TokenEndpoint.json(response, 201, describe(client));
    }

    /** True when the caller holds the admin scope; otherwise the 403 is written. */
    private boolean admin(HttpServletResponse response, String action, String clientId) throws IOException {
        AuditContext.current().ifPresent(audit -> audit.interaction("client-" + action, "list".equals(action) ? "R" : "U", "Client", clientId));
        Optional<String> refused = CallerContext.refusal(Interaction.MANAGE_ACCESS, null);
        if (refused.isEmpty()) {
            return true;
        }
        outcomes.write(response, 403, IssueType.FORBIDDEN, null, refused.get());
        return false;
    }

    private boolean collectionPath(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() == null || request.getPathInfo().equals("/")) {
            return true;
        }
        outcomes.write(response, 404, IssueType.NOTFOUND, null, "No such client management resource: " + request.getPathInfo());
        return false;
    }

    private static String text(Map<String, Object> body, String name) throws ParseException {
        return JSONObjectUtils.getString(body, name);
    }

    private static Map<String, Object> describe(RegisteredClient client) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("client_id", client.clientId());
        described.put("organization", client.organization());
        described.put("scope", client.scopes().asString());
        described.put(client.jwksUrl() != null ? "jwks_uri" : "jwks_inline", client.jwksUrl() != null ? client.jwksUrl() : true);
        described.put("enabled", client.enabled());
        return described;
    }
}
