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
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.UserRequests;
import org.peerbridge.server.security.users.WebUser;

/**
 * Web user management over HTTP for the admin scope, as the {@code users} command does it on the database:
 * {@code GET [base]/auth/users}, {@code POST [base]/auth/users} with
 * {@code {"username", "role", "organization", "password"}}, {@code POST [base]/auth/users/{name}/disable}
 * or {@code /enable}, and {@code POST [base]/auth/users/{name}/password} with {@code {"password"}}.
 * Answers never carry a password or its hash; refusals are OperationOutcomes.
 */
public final class UserAdminEndpoint extends HttpServlet {

    public static final String PATH = "/auth/users";

    private static final long serialVersionUID = 1L;

    private final transient UserRegistry users;
    private final transient OutcomeWriter outcomes;
    private final String programOrganization;

    public UserAdminEndpoint(UserRegistry users, OutcomeWriter outcomes, String programOrganization) {
        this.users = users;
        this.outcomes = outcomes;
        this.programOrganization = programOrganization;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admin(response, "list", null)) {
            return;
        }
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            outcomes.write(response, 404, IssueType.NOTFOUND, null, "No such user management resource: " + request.getPathInfo());
            return;
        }
        List<Object> listed = new ArrayList<>();
        users.list().forEach(user -> listed.add(describe(user)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", listed);
        TokenEndpoint.json(response, 200, body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.matches("/[A-Za-z0-9._@-]{1,128}/(disable|enable|password)")) {
            String username = path.substring(1, path.lastIndexOf('/'));
            String action = path.substring(path.lastIndexOf('/') + 1);
            if (admin(response, action, username)) {
                change(request, response, username, action);
            }
            return;
        }
        if (!admin(response, "add", null)) {
            return;
        }
        if (!path.equals("/")) {
            outcomes.write(response, 404, IssueType.NOTFOUND, null, "No such user management resource: " + path);
            return;
        }
        WebUser user;
        String password;
        try {
            Map<String, Object> body = body(request);
            password = JSONObjectUtils.getString(body, "password");
            user = UserRequests.user(JSONObjectUtils.getString(body, "username"), JSONObjectUtils.getString(body, "role"),
                    JSONObjectUtils.getString(body, "organization"), password, programOrganization);
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            outcomes.write(response, 400, IssueType.INVALID, null, "Not a user registration: " + e.getMessage());
            return;
        }
        AuditContext.current().ifPresent(audit -> audit.interaction("user-add", "C", "User", user.username()));
        if (!users.add(user, password)) {
            outcomes.write(response, 409, IssueType.DUPLICATE, null, "A user '" + user.username() + "' already exists");
            return;
        }
        response.setHeader("Location", request.getRequestURL() + "/" + user.username());
        TokenEndpoint.json(response, 201, describe(user));
    }

    private void change(HttpServletRequest request, HttpServletResponse response, String username, String action) throws IOException {
        boolean found;
        if (action.equals("password")) {
            try {
                String password = JSONObjectUtils.getString(body(request), "password");
                UserRequests.password(password);
                found = users.setPassword(username, password);
            } catch (ParseException | IllegalArgumentException | ClassCastException e) {
                outcomes.write(response, 400, IssueType.INVALID, null, "Not a password change: " + e.getMessage());
                return;
            }
        } else {
            found = users.setEnabled(username, action.equals("enable"));
        }
        if (!found) {
            outcomes.write(response, 404, IssueType.NOTFOUND, null, "No user '" + username + "' exists");
            return;
        }
        TokenEndpoint.json(response, 200, describe(users.find(username).orElseThrow()));
    }

    private static Map<String, Object> body(HttpServletRequest request) throws IOException, ParseException {
        return JSONObjectUtils.parse(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** True when the caller holds the admin scope; otherwise the 403 is written. */
    private boolean admin(HttpServletResponse response, String action, String username) throws IOException {
        AuditContext.current().ifPresent(audit -> audit.interaction("user-" + action, "list".equals(action) ? "R" : "U", "User", username));
        Optional<String> refused = CallerContext.refusal(Interaction.MANAGE_ACCESS, null);
        if (refused.isEmpty()) {
            return true;
        }
        outcomes.write(response, 403, IssueType.FORBIDDEN, null, refused.get());
        return false;
    }

    private static Map<String, Object> describe(WebUser user) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("username", user.username());
        described.put("role", user.role().name().toLowerCase(java.util.Locale.ROOT));
        described.put("organization", user.organization());
        described.put("enabled", user.enabled());
        return described;
    }
}
