package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.ServerTest;

/** The admin scope manages clients over HTTP; every other token is refused; a registered client can then get tokens. */
class ClientAdminTest extends ServerTest {

    @Test
    void anAdminRegistersListsDisablesAndEnablesAClient() throws Exception {
        String clientId = "clinic-" + Referrals.unique();
        var key = AdminBootstrap.newSigningKey(clientId);
        String registration = "{\"client_id\":\"" + clientId + "\",\"organization\":\"Organization/clinic\",\"scope\":\"system/Task.rs\","
                + "\"jwks\":" + new JWKSet(key.toPublicJWK()) + "}";
        HttpResponse<String> added = server.send("POST", "/auth/clients", "application/json", registration);
        assertEquals(201, added.statusCode(), added.body());
        assertEquals(409, server.send("POST", "/auth/clients", "application/json", registration).statusCode());

        TokenClient registered = new TokenClient(server.baseUrl(), clientId, key, "system/Task.rs", java.net.http.HttpClient.newHttpClient());
        assertFalse(registered.accessToken().isBlank());

        HttpResponse<String> listed = server.send("GET", "/auth/clients", null, null);
        assertEquals(200, listed.statusCode());
        List<Object> clients = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(listed.body()), "clients");
        assertTrue(clients.stream().anyMatch(c -> clientId.equals(((Map<?, ?>) c).get("client_id"))), listed.body());

        HttpResponse<String> disabled = server.send("POST", "/auth/clients/" + clientId + "/disable", null, null);
        assertEquals(200, disabled.statusCode());
        assertEquals(false, JSONObjectUtils.parse(disabled.body()).get("enabled"));
        assertEquals(401, server.sendWithoutToken("GET", "/Task", null, null, "Authorization", "Bearer " + registered.accessToken())
                .statusCode());
        assertEquals(200, server.send("POST", "/auth/clients/" + clientId + "/enable", null, null).statusCode());
        assertEquals(404, server.send("POST", "/auth/clients/nobody/enable", null, null).statusCode());
    }

    @Test
    void badRegistrationsAreRefusedAndOnlyTheAdminScopeMayManage() {
        assertEquals(400, server.send("POST", "/auth/clients", "application/json",
                "{\"client_id\":\"x\",\"organization\":\"Organization/x\",\"scope\":\"user/*.rs\",\"jwks_uri\":\"https://x.example.org/jwks\"}")
                .statusCode());
        assertEquals(400, server.send("POST", "/auth/clients", "application/json", "{\"client_id\":\"x\"}").statusCode());
        HttpResponse<String> adminOfAHospital = server.send("POST", "/auth/clients", "application/json", "{\"client_id\":\"x\","
                + "\"organization\":\"Organization/x\",\"scope\":\"system/*.rs peerbridge/admin\",\"jwks_uri\":\"https://x.example.org/jwks\"}");
        assertEquals(400, adminOfAHospital.statusCode());
        assertTrue(adminOfAHospital.body().contains("is for clients of the program's Organization"), adminOfAHospital.body());
        assertEquals(400, server.send("POST", "/auth/clients", "application/json", "not json").statusCode());
        TokenClient notAdmin = server.register("no-admin-" + Referrals.unique(), "Organization/peerbridge-program", "system/*.cruds");
        HttpResponse<String> refused = server.sendWithoutToken("GET", "/auth/clients", null, null,
                "Authorization", "Bearer " + notAdmin.accessToken());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("peerbridge/admin"));
        assertEquals(401, server.sendWithoutToken("GET", "/auth/clients", null, null).statusCode());
    }
}
