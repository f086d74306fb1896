package org.peerbridge.server.security.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.peerbridge.server.http.ErrorAnswerWriter;
import org.peerbridge.server.security.audit.AuditContext;
import org.peerbridge.server.security.users.UserRegistry;
import org.peerbridge.server.security.users.UserRequests;
import org.peerbridge.server.security.users.WebUser;

/**
 * Web user management over HTTP for the admin scope, as the {@code users} command does it on the database:
 * {@code GET [base]/auth/users}, {@code POST [base]/auth/users} with
 * {@code {"username", "role", "organization", "password"}}, {@code POST [base]/auth/users/{name}/disable}
 * or {@code /enable}, and {@code POST [base]/auth/users/{name}/password} with {@code {"password"}}.
 * Answers never carry a password or its hash.
 */
public final class UserAdminEndpoint extends AdminEndpoint {

    public static final String PATH = "/auth/users";

    private static final long serialVersionUID = 1L;

    private final transient UserRegistry users;
    private final String programOrganization;

    public UserAdminEndpoint(UserRegistry users, ErrorAnswerWriter errorAnswers, String programOrganization) {
        super(errorAnswers, "user", "users", Pattern.compile("/([A-Za-z0-9._@-]{1,128})/(disable|enable|password)"));
        this.users = users;
        this.programOrganization = programOrganization;
    }

    @Override
    List<Map<String, Object>> list() {
        return users.list().stream().map(UserAdminEndpoint::describe).toList();
    }

    @Override
    void add(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebUser user;
        String password;
        try {
            Map<String, Object> body = body(request);
            password = JSONObjectUtils.getString(body, "password");
            user = UserRequests.user(JSONObjectUtils.getString(body, "username"), JSONObjectUtils.getString(body, "role"),
                    JSONObjectUtils.getString(body, "organization"), password, programOrganization);
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            refuse(response, 400, IssueType.INVALID, "Not a user registration: " + e.getMessage());
            return;
        }
        AuditContext.current().ifPresent(audit -> audit.interaction("user-add", "C", "User", user.username()));
        if (!users.add(user, password)) {
            refuse(response, 409, IssueType.DUPLICATE, "A user '" + user.username() + "' already exists");
            return;
        }
        created(request, response, user.username(), describe(user));
    }

    @Override
    void change(HttpServletRequest request, HttpServletResponse response, String username, String action) throws IOException {
        boolean found;
        if (action.equals("password")) {
            try {
                String password = JSONObjectUtils.getString(body(request), "password");
                UserRequests.password(password);
                found = users.setPassword(username, password);
            } catch (ParseException | IllegalArgumentException | ClassCastException e) {
                refuse(response, 400, IssueType.INVALID, "Not a password change: " + e.getMessage());
                return;
            }
        } else {
            found = users.setEnabled(username, action.equals("enable"));
        }
        if (!found) {
            refuse(response, 404, IssueType.NOTFOUND, "No user '" + username + "' exists");
            return;
        }
        answer(response, 200, describe(users.find(username).orElseThrow()));
    }

    private static Map<String, Object> describe(WebUser user) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("username", user.username());
        described.put("role", user.role().name().toLowerCase(Locale.ROOT));
        described.put("organization", user.organization());
        described.put("enabled", user.enabled());
        return described;
    }
}
