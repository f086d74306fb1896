package org.peerbridge.server.security.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.audit.AuditContext;

/**
 * Client management over HTTP for the admin scope, as the {@code clients} command does it on the database:
 * {@code GET [base]/auth/clients}, {@code POST [base]/auth/clients} with
 * {@code {"client_id", "organization", "scope", "jwks" | "jwks_uri"}} (RFC 7591 names), and
 * {@code POST [base]/auth/clients/{id}/disable} or {@code /enable}.
 */
public final class ClientAdminEndpoint extends AdminEndpoint {

    private static final long serialVersionUID = 1L;

    private final transient ClientRegistry registry;
    private final String programOrganization;

    public ClientAdminEndpoint(ClientRegistry registry, ErrorAnswerWriter errorAnswers, String programOrganization) {
        super(errorAnswers, "client", "clients", Pattern.compile("/([A-Za-z0-9._-]{1,128})/(disable|enable)"));
        this.registry = registry;
        this.programOrganization = programOrganization;
    }

    @Override
    List<Map<String, Object>> list() {
        return registry.list().stream().map(ClientAdminEndpoint::describe).toList();
    }

    @Override
    void change(HttpServletRequest request, HttpServletResponse response, String clientId, String action) throws IOException {
        switchEnabled(response, registry, clientId, action, "No client '" + clientId + "' is registered",
                id -> describe(registry.find(id).orElseThrow()));
    }

    @Override
    void add(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RegisteredClient client;
        try {
            Map<String, Object> body = body(request);
            Object jwks = body.get("jwks");
            client = ClientRequests.registration(text(body, "client_id"), text(body, "organization"), text(body, "scope"),
                    jwks == null ? null : JSONObjectUtils.toJSONString(JSONObjectUtils.getJSONObject(body, "jwks")), text(body, "jwks_uri"), programOrganization);
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            refuse(response, 400, IssueType.INVALID, "Not a client registration: " + e.getMessage());
            return;
        }
        AuditContext.current().ifPresent(audit -> audit.interaction("client-add", "C", "Client", client.clientId()));
        if (!registry.add(client)) {
            refuse(response, 409, IssueType.DUPLICATE, "A client '" + client.clientId() + "' is already registered");
            return;
        }
        created(request, response, client.clientId(), describe(client));
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
