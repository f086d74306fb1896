package org.peerbridge.server.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerbridge.server.security.users.UserRequests;
import org.peerbridge.server.security.users.WebUser;

/** The {@code users} command against a running server: its {@code [base]/auth/users} admin API. */
final class AdminApiUsers implements UserAdmin {

    private final AdminApi api;

    AdminApiUsers(AdminApi api) {
        this.api = api;
    }

    @Override
    public boolean add(WebUser user, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("role", user.role().name().toLowerCase(Locale.ROOT));
        body.put("organization", user.organization());
        body.put("password", password);
        return api.add(body);
    }

    @Override
    public List<WebUser> list() {
        return api.list("users", user -> new WebUser((String) user.get("username"), UserRequests.role((String) user.get("role")),
                (String) user.get("organization"), Boolean.TRUE.equals(user.get("enabled"))));
    }

    @Override
    public boolean setEnabled(String username, boolean enabled) {
        return api.setEnabled(username, enabled);
    }

    @Override
    public boolean setPassword(String username, String password) {
        return api.change(username, "password", Map.of("password", password));
    }
}
