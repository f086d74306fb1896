package org.peerbridge.server.app;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerbridge.server.security.auth.RegisteredClient;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.security.scope.ScopeSet;

/**
 * The {@code clients} command against a running server: its {@code [base]/auth/clients} admin API, with a
 * token of the admin client (its key from the data folder, or --key). Failures are one-line
 * {@link CommandFailure}s.
 */
final class AdminApiClients implements ClientAdmin {

    private final String base;
    private final TokenClient tokens;
    private final HttpClient http;

    AdminApiClients(String base, TokenClient tokens, HttpClient http) {
        this.base = base.replaceAll("/+$", "");
        this.tokens = tokens;
        this.http = http;
    }

    @Override
    public boolean add(RegisteredClient client) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId());
        body.put("organization", client.organization());
        body.put("scope", client.scopes().asString());
        if (client.jwksUrl() != null) {
            body.put("jwks_uri", client.jwksUrl());
        } else {
            body.put("jwks", parse(client.jwks()));
        }
        HttpResponse<String> answer = send("POST", "", JSONObjectUtils.toJSONString(body));
        return answer.statusCode() == 201 || expect(answer, 409);
    }

    @Override
    public List<RegisteredClient> list() {
        HttpResponse<String> answer = send("GET", "", null);
        expect(answer, 200);
        List<RegisteredClient> clients = new ArrayList<>();
        try {
            for (Object item : JSONObjectUtils.getJSONArray(parse(answer.body()), "clients")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> client = (Map<String, Object>) item;
                clients.add(new RegisteredClient((String) client.get("client_id"), (String) client.get("organization"),
                        ScopeSet.parse((String) client.get("scope")), null, (String) client.get("jwks_uri"),
                        Boolean.TRUE.equals(client.get("enabled")), 0));
            }
        } catch (ParseException | RuntimeException e) {
            throw new CommandFailure(base + "/auth/clients answered a list this command cannot read");
        }
        return clients;
    }

    @Override
    public boolean setEnabled(String clientId, boolean enabled) {
        HttpResponse<String> answer = send("POST", "/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + (enabled ? "/enable" : "/disable"), null);
        return answer.statusCode() == 200 || expect(answer, 404);
    }

    /** False for the expected refusal; any other answer is a one-line failure with the server's reason. */
    private boolean expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() == status) {
            return false;
        }
        throw new CommandFailure(base + "/auth/clients answered " + answer.statusCode() + ": " + CommandFailure.reason(answer.body()));
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/auth/clients" + path))
                .header("Authorization", "Bearer " + CommandFailure.oneLine(tokens::accessToken))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CommandFailure("Cannot reach " + base + " (" + e.getClass().getSimpleName() + "); is the server running there?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("Interrupted");
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new CommandFailure("Not JSON: " + e.getMessage());
        }
    }
}
