package org.peerbridge.server.app;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.client.TokenClient;

/**
 * One collection of a running server's admin API ({@code [base]/auth/clients}, {@code [base]/auth/users}) as the
 * {@code clients} and {@code users} commands use it: JSON both ways, with a token of the admin client. An answer
 * other than the expected ones is a one-line {@link CommandFailure} with the server's reason.
 */
final class AdminApi {

    private final String url;
    private final TokenClient tokens;
    private final HttpClient http;

    AdminApi(String base, String collection, TokenClient tokens, HttpClient http) {
        this.url = base.replaceAll("/+$", "") + "/auth/" + collection;
        this.tokens = tokens;
        this.http = http;
    }

    /** The collection at {@code base}, with a token for the admin client whose private key is in {@code keyFile}. */
    static AdminApi connect(String base, String collection, Path keyFile) throws IOException {
        if (!Files.isReadable(keyFile)) {
            throw new CommandFailure("The admin API needs the admin client's key; " + keyFile + " cannot be read (give it with --key)");
        }
        JWK key;
        try {
            key = JWK.parse(Files.readString(keyFile));
        } catch (ParseException e) {
            throw new CommandFailure(keyFile + " is not a JWK private key");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new AdminApi(base, collection, new TokenClient(base, AdminBootstrap.CLIENT_ID, key, "peerbridge/admin", http), http);
    }

    /** Adds an item: true when it was created, false when its id is taken. */
    boolean add(Map<String, Object> item) {
        HttpResponse<String> answer = send("POST", "", JSONObjectUtils.toJSONString(item));
        return answer.statusCode() == 201 || expect(answer, 409);
    }

    /** The items of the listing, under its member {@code member}, each read by {@code read}. */
    <T> List<T> list(String member, Function<Map<String, Object>, T> read) {
        HttpResponse<String> answer = send("GET", "", null);
        expect(answer, 200);
        List<T> items = new ArrayList<>();
        try {
            for (Object item : JSONObjectUtils.getJSONArray(parse(answer.body()), member)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) item;
                items.add(read.apply(fields));
            }
        } catch (ParseException | RuntimeException e) {
            throw new CommandFailure(url + " answered a list this command cannot read");
        }
        return items;
    }

    /** Carries out {@code action} on item {@code id}, with a body or none: false when there is no such item. */
    boolean change(String id, String action, Map<String, Object> body) {
        HttpResponse<String> answer = send("POST", "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + action,
                body == null ? null : JSONObjectUtils.toJSONString(body));
        return answer.statusCode() == 200 || expect(answer, 404);
    }

    /** Enables or disables item {@code id}: false when there is no such item. */
    boolean setEnabled(String id, boolean enabled) {
        return change(id, enabled ? "enable" : "disable", null);
    }

    /** A registration's public keys as the admin API takes them: the URL of a JWKS, or the JWKS itself. */
    static void putKeys(Map<String, Object> body, String jwks, String jwksUrl) {
        if (jwksUrl != null) {
            body.put("jwks_uri", jwksUrl);
        } else {
            body.put("jwks", parse(jwks));
        }
    }

    /** False for the expected refusal; any other answer is a one-line failure with the server's reason. */
    private boolean expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() == status) {
            return false;
        }
        throw new CommandFailure(url + " answered " + answer.statusCode() + ": " + CommandFailure.reason(answer.body()));
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + CommandFailure.oneLine(tokens::accessToken))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CommandFailure("Cannot reach " + url + " (" + e.getClass().getSimpleName() + "); is the server running there?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("Interrupted");
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new CommandFailure("Not JSON: " + e.getMessage());
        }
    }
}
