package org.peerbridge.server.security.launch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Patient;
import org.peerbridge.server.security.auth.ClientRequests;

/**
 * What PeerBridge asks a registered EHR over HTTP during a launch: its SMART configuration, the tokens for an
 * authorization code, and the launched Patient. Only registered issuers are ever asked (the caller looks the
 * issuer up first), answers are read up to {@link #MAX_ANSWER_BYTES}, and whatever goes wrong is a
 * {@link LaunchRefusal} saying which step failed.
 */
final class EhrClient {

    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The endpoints of .well-known/smart-configuration, and the issuer its id_tokens carry (its own, else the FHIR base). */
    record Endpoints(String authorize, String token, String idTokenIssuer) { }

    /** The token answer: the access token for the EHR's FHIR API, the id_token, and the launch's patient context. */
    record Tokens(String accessToken, String idToken, String patient) { }

    private final HttpClient http;
    private final FhirContext fhir;

    EhrClient(HttpClient http, FhirContext fhir) {
        this.http = http;
        this.fhir = fhir;
    }

    Endpoints discover(String issuer) {
        Map<String, Object> config = json(send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/smart-configuration"))
                .header("Accept", "application/json").GET(), "its SMART configuration"), "its SMART configuration");
        try {
            String authorize = ClientRequests.httpUrl(JSONObjectUtils.getString(config, "authorization_endpoint"), "authorization endpoint");
            String token = ClientRequests.httpUrl(JSONObjectUtils.getString(config, "token_endpoint"), "token endpoint");
            String idTokenIssuer = JSONObjectUtils.getString(config, "issuer");
            return new Endpoints(authorize, token, idTokenIssuer != null ? idTokenIssuer : issuer);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new LaunchRefusal(502, "The EHR's SMART configuration names no usable authorization and token endpoints.",
                    "EHR SMART configuration unusable");
        }
    }

    /** POSTs the authorization code grant; an EHR's refusal is a 403 page naming its OAuth error. */
    Tokens exchange(String tokenEndpoint, Map<String, String> request) {
        String body = form(request);
        Answer answer = send(HttpRequest.newBuilder(URI.create(tokenEndpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "a token");
        if (answer.status() != 200) {
            String error = oauthError(answer.body());
            throw new LaunchRefusal(403, "The EHR did not give PeerBridge a token for this launch (" + error + "). Open PeerBridge from the EHR again.",
                    "EHR token endpoint refused: " + error);
        }
        Map<String, Object> tokens = json(answer, "a token");
        return new Tokens(text(tokens, "access_token"), text(tokens, "id_token"), text(tokens, "patient"));
    }

    /** The EHR's Patient {@code id}, read with the launch's access token. */
    Patient patient(String issuer, String id, String accessToken) {
        Answer answer = send(HttpRequest.newBuilder(URI.create(issuer + "/Patient/" + id)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + accessToken).GET(), "the patient");
        if (answer.status() != 200) {
            throw new LaunchRefusal(502, "The EHR did not let PeerBridge read the launched patient (status " + answer.status() + ").",
                    "EHR Patient read answered " + answer.status());
        }
        try {
            // the EHR's Patient may carry elements of its own: read leniently, only the identifiers are used
            return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false)).parseResource(Patient.class, answer.body());
        } catch (DataFormatException e) {
            throw new LaunchRefusal(502, "The EHR answered the patient read with something that is not a FHIR Patient.",
                    "EHR Patient unreadable");
        }
    }

    private record Answer(int status, String body) { }

    private Answer send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
                if (bytes.length > MAX_ANSWER_BYTES) {
                    throw new LaunchRefusal(502, "The EHR's answer for " + what + " is too large.", "EHR answer too large: " + what);
                }
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new LaunchRefusal(502, "PeerBridge could not reach the EHR to ask for " + what + ". Try again in a moment.",
                    "EHR unreachable: " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchRefusal(503, "PeerBridge is shutting down. Try again in a moment.", "Interrupted");
        }
    }

    private static Map<String, Object> json(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new LaunchRefusal(502, "The EHR answered " + answer.status() + " when PeerBridge asked for " + what + ".",
                    "EHR answered " + answer.status() + ": " + what);
        }
        try {
            return JSONObjectUtils.parse(answer.body());
        } catch (ParseException e) {
            throw new LaunchRefusal(502, "The EHR's answer for " + what + " is not JSON.", "EHR answer not JSON: " + what);
        }
    }

    private static String text(Map<String, Object> json, String name) {
        return json.get(name) instanceof String value && !value.isBlank() ? value : null;
    }

    private static String oauthError(String body) {
        try {
            Object error = JSONObjectUtils.parse(body).get("error");
            return error instanceof String code ? safeCode(code) : "no error code";
        } catch (ParseException e) {
            return "no error code";
        }
    }

    /** An OAuth error code as PeerBridge repeats it on a page and in the audit trail: its plain characters only. */
    static String safeCode(String code) {
        String safe = code.replaceAll("[^A-Za-z0-9_.-]", "");
        return safe.substring(0, Math.min(safe.length(), 64));
    }

    /** Parameters as application/x-www-form-urlencoded (a query string or a form body). */
    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
