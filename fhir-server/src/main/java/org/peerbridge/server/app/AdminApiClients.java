package org.peerbridge.server.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.auth.Registrations;
import org.peerbridge.server.security.scope.ScopeSet;

/** The {@code clients} command against a running server: its {@code [base]/auth/clients} admin API. */
final class AdminApiClients implements Registrations<RegisteredClient> {

    private final AdminApi api;

    AdminApiClients(AdminApi api) {
        this.api = api;
    }

    @Override
    public boolean add(RegisteredClient client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId());
        body.put("organization", client.organization());
        body.put("scope", client.scopes().asString());
        AdminApi.putKeys(body, client.jwks(), client.jwksUrl());
        return api.add(body);
    }

    @Override
    public List<RegisteredClient> list() {
        return api.list("clients", client -> new RegisteredClient((String) client.get("client_id"), (String) client.get("organization"),
                ScopeSet.parse((String) client.get("scope")), null, (String) client.get("jwks_uri"), Boolean.TRUE.equals(client.get("enabled")), 0));
    }

    @Override
    public boolean setEnabled(String clientId, boolean enabled) {
        return api.setEnabled(clientId, enabled);
    }
}
