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
import org.peerbridge.server.security.launch.EhrRegistration;
import org.peerbridge.server.security.launch.EhrRegistry;
import org.peerbridge.server.security.launch.EhrRequests;

/**
 * The EHRs that may launch PeerBridge, managed over HTTP for the admin scope as the {@code ehrs} command does:
 * {@code GET [base]/auth/ehrs}, {@code POST [base]/auth/ehrs} with
 * {@code {"name", "iss", "organization", "client_id", "jwks" | "jwks_uri"}}, and
 * {@code POST [base]/auth/ehrs/{name}/disable} or {@code /enable}. Refusals are OperationOutcomes.
 */
public final class EhrAdminEndpoint extends AdminEndpoint {

    public static final String PATH = "/auth/ehrs";

    private static final long serialVersionUID = 1L;

    private final transient EhrRegistry registry;
    private final String programOrganization;

    public EhrAdminEndpoint(EhrRegistry registry, ErrorAnswerWriter errorAnswers, String programOrganization) {
        super(errorAnswers, "ehr", "ehrs", Pattern.compile("/([A-Za-z0-9._-]{1,128})/(disable|enable)"));
        this.registry = registry;
        this.programOrganization = programOrganization;
    }

    @Override
    List<Map<String, Object>> list() {
        return registry.list().stream().map(EhrAdminEndpoint::describe).toList();
    }

    @Override
    void change(HttpServletRequest request, HttpServletResponse response, String name, String action) throws IOException {
        switchEnabled(response, registry, name, action, "No EHR '" + name + "' is registered", id -> describe(registry.find(id).orElseThrow()));
    }

    @Override
    void add(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EhrRegistration ehr;
        try {
            Map<String, Object> body = body(request);
            Object jwks = body.get("jwks");
            ehr = EhrRequests.registration(JSONObjectUtils.getString(body, "name"), JSONObjectUtils.getString(body, "iss"),
                    JSONObjectUtils.getString(body, "organization"), JSONObjectUtils.getString(body, "client_id"),
                    jwks == null ? null : JSONObjectUtils.toJSONString(JSONObjectUtils.getJSONObject(body, "jwks")),
                    JSONObjectUtils.getString(body, "jwks_uri"), programOrganization);
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            refuse(response, 400, IssueType.INVALID, "Not an EHR registration: " + e.getMessage());
            return;
        }
        AuditContext.current().ifPresent(audit -> audit.interaction("ehr-add", "C", "Ehr", ehr.name()));
        if (!registry.add(ehr)) {
            refuse(response, 409, IssueType.DUPLICATE, "An EHR named '" + ehr.name() + "' or with issuer " + ehr.issuer() + " is already registered");
            return;
        }
        created(request, response, ehr.name(), describe(ehr));
    }

    private static Map<String, Object> describe(EhrRegistration ehr) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", ehr.name());
        described.put("iss", ehr.issuer());
        described.put("organization", ehr.organization());
        described.put("client_id", ehr.clientId());
        described.put(ehr.jwksUrl() != null ? "jwks_uri" : "jwks_inline", ehr.jwksUrl() != null ? ehr.jwksUrl() : true);
        described.put("enabled", ehr.enabled());
        return described;
    }
}
