package org.peerbridge.server.security.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.audit.AuditContext;

/**
 * POST [base]/auth/token: the OAuth 2.0 token endpoint of SMART Backend Services. Answers with the
 * RFC 6749 JSON that OAuth clients expect; a client that asks for FHIR (Accept: application/fhir+json)
 * gets a refusal as an OperationOutcome instead.
 */
public final class TokenEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final transient TokenService tokens;
    private final transient PublicUrls urls;
    private final transient ErrorAnswerWriter errorAnswers;

    public TokenEndpoint(TokenService tokens, PublicUrls urls, ErrorAnswerWriter errorAnswers) {
        this.tokens = tokens;
        this.urls = urls;
        this.errorAnswers = errorAnswers;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the body was read by RequestBodyFilter (the size limit applies here too), so the form is parsed from it
        Map<String, String> form = form(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String assertion = form.get("client_assertion");
        AuditContext.current().ifPresent(audit -> audit.tokenRequest(TokenService.claimedClient(assertion)));
        noStore(response);
        try {
            requireForm(request.getContentType());
            TokenService.Issued issued = tokens.issue(form.get("grant_type"), form.get("client_assertion_type"), assertion,
                    form.get("scope"), urls.tokenAudiences(request));
            AuditContext.current().ifPresent(audit -> audit.client(issued.client().clientId(), issued.client().organization()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("token_type", "bearer");
            body.put("expires_in", issued.expiresInSeconds());
            body.put("scope", issued.scope());
            json(response, 200, body);
        } catch (TokenError refused) {
            AuditContext.current().ifPresent(audit -> audit.refused(refused.getMessage()));
            if (wantsFhir(request)) {
                errorAnswers.write(response, refused.status(), refused.status() == 401 ? IssueType.LOGIN : IssueType.INVALID, null,
                        refused.error() + ": " + refused.getMessage());
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refused.error());
            body.put("error_description", refused.getMessage());
            json(response, refused.status(), body);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        errorAnswers.write(response, 405, IssueType.NOTSUPPORTED, null, "The token endpoint takes POST only");
    }

    /** RFC 6749 section 4.1.3: a token request is a form; a JSON body would otherwise be read as no fields at all. */
    private static void requireForm(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(FORM)) {
            throw TokenError.invalidRequest("The token request must be sent as " + FORM + " (RFC 6749, SMART Backend Services), not "
                    + (mediaType.isEmpty() ? "without a Content-Type" : "as '" + mediaType + "'"));
        }
    }

    /** application/x-www-form-urlencoded: the first value of each name. */
    static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    private static boolean wantsFhir(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("fhir");
    }

    static void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
