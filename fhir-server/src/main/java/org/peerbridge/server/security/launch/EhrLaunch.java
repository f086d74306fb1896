package org.peerbridge.server.security.launch;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.security.users.WebSessions;
import org.peerbridge.server.storage.Database;

/**
 * PeerBridge as a SMART app launched from inside an EHR (SMART App Launch 2, EHR launch, authorization code with
 * PKCE S256). {@link #begin}: the EHR opened {@code /launch?iss&launch}; the issuer must be registered and
 * enabled, its SMART configuration gives the endpoints, and the browser goes to the EHR's authorize endpoint
 * with a fresh state, PKCE challenge and nonce. {@link #complete}: the EHR sent the browser back with a code;
 * the state must be this browser's and unused, the code is exchanged with the PKCE verifier and a client
 * assertion signed with PeerBridge's key (private_key_jwt: PeerBridge is a confidential client), the id_token
 * is verified with the EHR's registered keys, and the launched Patient is read from the EHR's FHIR API for its
 * identifiers. Which referrals those identifiers open is the web layer's to find, under the organization's read scope.
 */
public final class EhrLaunch {

    /** What the app asks for: to be launched, who the user is (OpenID Connect and fhirUser), and to read the launched Patient. */
    public static final String SCOPE = "launch openid fhirUser patient/Patient.r";
    private static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** An EHR's launch and patient ids, and a code: opaque, but never more than this and never with odd characters. */
    private static final String FHIR_ID = "[A-Za-z0-9\\-.]{1,64}";

    /** Where to send the browser to authorize, the state to remember in it, and the EHR that launched. */
    public record Authorization(String url, String state, EhrRegistration ehr) { }

    /**
     * A finished launch: the EHR, the user as PeerBridge names them ({@code <ehr name>/<fhirUser>}, the fhirUser
     * relative to the EHR's base when it lies under it), and the launched patient's identifiers (system and value).
     */
    public record Launched(EhrRegistration ehr, String username, List<Identifier> identifiers) { }

    private final EhrRegistry ehrs;
    private final PendingLaunches pending;
    private final LaunchKeys keys;
    private final EhrClient client;
    private final IdTokenVerifier idTokens = new IdTokenVerifier();

    public EhrLaunch(Database database, EhrRegistry ehrs, FhirContext fhir) {
        this.ehrs = ehrs;
        this.pending = new PendingLaunches(database);
        this.keys = new LaunchKeys(database);
        this.client = new EhrClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), fhir);
    }

    /** PeerBridge's public keys, for EHRs to check its client assertions ({@code /launch/jwks}). */
    public JWKSet publicKeys() {
        return keys.publicKeys();
    }

    public Authorization begin(String iss, String launch, String redirectUri, long now) {
        if (iss == null || launch == null || launch.isBlank() || launch.length() > 1000) {
            throw new LaunchRefusal(400, "This link does not come from an EHR launch (it needs iss and launch). Open PeerBridge from the EHR.",
                    "Launch without iss or launch");
        }
        EhrRegistration ehr = ehrs.enabledByIssuer(iss).orElseThrow(() -> new LaunchRefusal(403,
                "PeerBridge does not know the EHR that opened it. An administrator registers an EHR with 'peerbridge ehrs add'.",
                "Unknown EHR issuer"));
        EhrClient.Endpoints endpoints = client.discover(ehr.issuer());
        String state = WebSessions.randomToken();
        String verifier = WebSessions.randomToken(); // 43 characters of base64url, as PKCE asks
        String nonce = WebSessions.randomToken();
        pending.add(state, new PendingLaunches.Pending(ehr.name(), verifier, nonce, redirectUri, endpoints.token(), endpoints.idTokenIssuer()), now);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", ehr.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("launch", launch);
        query.put("scope", SCOPE);
        query.put("state", state);
        query.put("aud", ehr.issuer());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.put("nonce", nonce);
        String separator = endpoints.authorize().contains("?") ? "&" : "?";
        return new Authorization(endpoints.authorize() + separator + EhrClient.form(query), state, ehr);
    }

    /**
     * @param state        the state the EHR sent back
     * @param browserState the state this browser was given at {@link #begin} (its cookie)
     * @param error        the EHR's OAuth error, when it did not authorize
     */
    public Launched complete(String state, String browserState, String code, String error, long now) {
        if (state == null || browserState == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                browserState.getBytes(StandardCharsets.UTF_8))) {
            throw stale("State does not match this browser's launch");
        }
        PendingLaunches.Pending launch = pending.take(state, now).orElseThrow(() -> stale("State unknown, used or expired"));
        EhrRegistration ehr = ehrs.find(launch.ehr()).filter(EhrRegistration::enabled).orElseThrow(() -> new LaunchRefusal(403,
                "The EHR that opened PeerBridge has been disabled here.", "EHR disabled during the launch"));
        if (error != null) {
            String oauthError = EhrClient.safeCode(error);
            throw new LaunchRefusal(403, "The EHR did not authorize PeerBridge (" + oauthError + ").", "EHR answered " + oauthError);
        }
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw new LaunchRefusal(400, "The EHR sent no authorization code. Open PeerBridge from the EHR again.", "No authorization code");
        }
        EhrClient.Tokens tokens = client.exchange(launch.tokenEndpoint(), tokenRequest(ehr, launch, code, now));
        String fhirUser = idTokens.fhirUser(tokens.idToken(), ehr, launch.idTokenIssuer(), launch.nonce());
        String username = ehr.name() + "/" + (fhirUser.startsWith(ehr.issuer() + "/") ? fhirUser.substring(ehr.issuer().length() + 1) : fhirUser);
        if (username.length() > 128) {
            throw new LaunchRefusal(403, "The EHR names you with a user id too long for PeerBridge (fhirUser over 80 characters).",
                    "fhirUser too long");
        }
        if (tokens.accessToken() == null || tokens.patient() == null || !tokens.patient().matches(FHIR_ID)) {
            throw new LaunchRefusal(403, "The EHR launched PeerBridge without a patient. Open PeerBridge from a patient's chart.",
                    "No patient context");
        }
        Patient patient = client.patient(ehr.issuer(), tokens.patient(), tokens.accessToken());
        List<Identifier> identifiers = patient.getIdentifier().stream().filter(i -> i.hasSystem() && i.hasValue()).toList();
        return new Launched(ehr, username, identifiers);
    }

    private Map<String, String> tokenRequest(EhrRegistration ehr, PendingLaunches.Pending launch, String code, long now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", launch.redirectUri());
        form.put("code_verifier", launch.codeVerifier());
        form.put("client_id", ehr.clientId());
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", TokenClient.sign(keys.signingKey(), new JWTClaimsSet.Builder().issuer(ehr.clientId())
                .subject(ehr.clientId()).audience(launch.tokenEndpoint()).issueTime(new Date(now)).expirationTime(new Date(now + 240_000))
                .jwtID(UUID.randomUUID().toString()).build()));
        return form;
    }

    private static LaunchRefusal stale(String auditReason) {
        return new LaunchRefusal(400, "This sign-in did not start in this browser, was already used, or took too long."
                + " Open PeerBridge from the EHR again.", auditReason);
    }

    /** PKCE S256: base64url of the verifier's SHA-256. */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
