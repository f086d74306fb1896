package org.peerbridge.server.security.auth;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerbridge.server.security.scope.Scope;

/** GET [base]/.well-known/smart-configuration: how a backend service gets a token here (SMART App Launch 2). */
public final class SmartConfiguration extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient PublicUrls urls;

    public SmartConfiguration(PublicUrls urls) {
        this.urls = urls;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", urls.base(request));
        body.put("token_endpoint", urls.tokenEndpoint(request));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        body.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        body.put("grant_types_supported", List.of(TokenService.GRANT_TYPE));
        body.put("scopes_supported", List.of("system/*.cruds", "system/*.rs", "system/ServiceRequest.cru", "system/Task.rs",
                "system/*.read", "system/*.write", Scope.ADMIN));
        body.put("capabilities", List.of("client-confidential-asymmetric", "permission-v1", "permission-v2"));
        TokenEndpoint.json(response, 200, body);
    }
}
