package org.peerbridge.server.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerbridge.server.security.auth.Registrations;
import org.peerbridge.server.security.launch.EhrRegistration;

/** The {@code ehrs} command against a running server: its {@code [base]/auth/ehrs} admin API. */
final class AdminApiEhrs implements Registrations<EhrRegistration> {

    private final AdminApi api;

    AdminApiEhrs(AdminApi api) {
        this.api = api;
    }

    @Override
    public boolean add(EhrRegistration ehr) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", ehr.name());
        body.put("iss", ehr.issuer());
        body.put("organization", ehr.organization());
        body.put("client_id", ehr.clientId());
        AdminApi.putKeys(body, ehr.jwks(), ehr.jwksUrl());
        return api.add(body);
    }

    @Override
    public List<EhrRegistration> list() {
        return api.list("ehrs", ehr -> new EhrRegistration((String) ehr.get("name"), (String) ehr.get("iss"), (String) ehr.get("organization"),
                (String) ehr.get("client_id"), null, (String) ehr.get("jwks_uri"), Boolean.TRUE.equals(ehr.get("enabled")), 0));
    }

    @Override
    public boolean setEnabled(String name, boolean enabled) {
        return api.setEnabled(name, enabled);
    }
}
