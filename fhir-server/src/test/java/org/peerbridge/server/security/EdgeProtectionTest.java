package org.peerbridge.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.app.PeerBridgeServer;
import org.peerbridge.server.app.ServerConfig;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.support.TestClients;

/**
 * The server at the network edge, configured as an operator would: HTTPS from a keystore, security
 * headers, CORS for one named origin, and a per-client rate limit answering 429 with Retry-After.
 */
class EdgeProtectionTest {

    private static final String APP_ORIGIN = "https://app.example.org";
    private static final int LIMIT = 3;

    @TempDir
    static Path dir;

    private static PeerBridgeServer server;
    private static HttpClient https;

    @BeforeAll
    static void startOverHttps() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "peerbridge", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "test-password").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, new String(keytool.getInputStream().readAllBytes()));
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"));
        server = PeerBridgeServer.start(config.withSecurity(config.security().withTls(keystore, "test-password", "PKCS12")
                .withCorsOrigins(List.of(APP_ORIGIN)).withRateLimitPerMinute(LIMIT)));
        https = HttpClient.newBuilder().sslContext(trustingTestCertificate()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theApiIsServedOverHttpsWithSecurityHeaders() throws Exception {
        assertTrue(server.baseUrl().startsWith("https://"));
        HttpResponse<String> metadata = get("/metadata", null);
        assertEquals(200, metadata.statusCode());
        assertEquals("max-age=31536000", metadata.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertEquals("nosniff", metadata.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", metadata.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-store", metadata.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(metadata.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }

    @Test
    void browsersFromTheConfiguredOriginMayCallOthersMayNot() throws Exception {
        HttpResponse<String> allowed = preflight(APP_ORIGIN);
        assertEquals(APP_ORIGIN, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"));
        HttpResponse<String> refused = preflight("https://elsewhere.example.org");
        assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfter() throws Exception {
        TokenClient client = TestClients.register(server, "busy-client", ServerConfig.DEFAULT_PROGRAM_ORG, "system/Patient.rs", https);
        String token = client.accessToken();
        for (int i = 0; i < LIMIT; i++) {
            assertEquals(200, get("/Patient?_count=1", token).statusCode());
        }
        HttpResponse<String> throttled = get("/Patient?_count=1", token);
        assertEquals(429, throttled.statusCode());
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(throttled.body().contains("\"code\":\"throttled\""), throttled.body());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> preflight(String origin) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Patient"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Trusts the certificate this test made (and, being a test, any other). */
    private static SSLContext trustingTestCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
