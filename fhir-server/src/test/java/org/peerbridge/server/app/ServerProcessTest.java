package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.subscription.TestSubscriptions;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.NotificationReceiver;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.TestClients;

/**
 * The server as an operator runs it: a separate process started by Main on the embedded H2 default.
 * A 2xx means committed: every answered referral survives kill -9. SIGTERM stops it cleanly.
 */
class ServerProcessTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final int CONCURRENT_EHRS = 8;

    @TempDir
    Path dataDir;

    /** Referrals sent by several EHRs at once, their commits overlapping: each one answered is there after the kill. */
    @Test
    void acknowledgedReferralsSurviveKillMinusNine() throws Exception {
        int port = freePort();
        Process server = start(port);
        List<String> referralIds = new ArrayList<>();
        try {
            awaitReady(port, server);
            IGenericClient client = client(port, dataDir);
            ExecutorService ehrs = Executors.newFixedThreadPool(CONCURRENT_EHRS);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < CONCURRENT_EHRS * 3; i++) {
                    answers.add(ehrs.submit(() -> client.transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique()))
                            .execute().getEntry().get(2).getResponse().getLocation().replaceFirst("/_history/.*", "")));
                }
                for (Future<String> answer : answers) {
                    referralIds.add(answer.get(2, TimeUnit.MINUTES));
                }
            } finally {
                ehrs.shutdownNow();
            }
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to flush anything more
            server.waitFor(30, TimeUnit.SECONDS);
        }
        Path adminKey = dataDir.resolve(AdminBootstrap.KEY_FILE);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(adminKey)));
        assertTrue(Files.readString(dataDir.resolve("server.log")).contains("Its private key is in " + adminKey.toAbsolutePath()));
        Process restarted = start(port);
        try {
            awaitReady(port, restarted);
            IGenericClient client = client(port, dataDir);
            for (String referralId : referralIds) {
                ServiceRequest referral = client.read().resource(ServiceRequest.class).withId(referralId).execute();
                assertEquals(ServiceRequest.ServiceRequestStatus.ACTIVE, referral.getStatus(), referralId);
                assertEquals(1, client.search().byUrl("Task?focus=" + referralId).returnBundle(Bundle.class).execute().getTotal(), referralId);
            }
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Events committed while the receiver is down are in the outbox, not in memory: after kill -9 and a
     * restart, the restarted server (once the dead one's lease expires) shakes hands and delivers all of
     * them, in order.
     */
    @Test
    void undeliveredNotificationsSurviveKillMinusNine() throws Exception {
        int port = freePort();
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.stop(); // nothing can be delivered before the kill
            Process server = start(port, FAST_DELIVERY);
            try {
                awaitReady(port, server);
                IGenericClient client = client(port, dataDir);
                client.create().resource(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only")).execute();
                for (int i = 0; i < 3; i++) {
                    client.transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
                }
            } finally {
                server.destroyForcibly();
                server.waitFor(30, TimeUnit.SECONDS);
            }
            receiver.start();
            Process restarted = start(port, FAST_DELIVERY);
            try {
                awaitReady(port, restarted);
                Eventually.until("the three events after the restart", Duration.ofSeconds(90), () -> receiver.eventNumbers().size() >= 3);
                assertEquals(List.of(1L, 2L, 3L), receiver.eventNumbers());
                assertTrue(!receiver.ofType("handshake").isEmpty(), "the handshake came first");
            } finally {
                restarted.destroyForcibly();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** With a drain of one second instead of ten: HealthAndDrainTest checks what the drain answers. */
    @Test
    void sigtermShutsDownCleanly() throws Exception {
        int port = freePort();
        Process server = start(port, List.of("--drain-seconds", "1"));
        try {
            awaitReady(port, server);
            // "ready" only once writes can be validated; before that the log says what answers and what waits
            Eventually.until("the validator loaded", Duration.ofMinutes(5), () -> serverLog().contains("writes are validated"));
            String started = serverLog();
            int answering = started.indexOf("PeerBridge answering at http://localhost:" + port + "/fhir");
            assertTrue(answering >= 0 && started.substring(answering).contains("metadata, reads and searches answer now"), started);
            assertTrue(started.indexOf("PeerBridge ready at http://localhost:" + port + "/fhir") > answering, started);
            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server stopped after SIGTERM");
        } finally {
            server.destroyForcibly(); // only if an assertion failed before it stopped
        }
        String log = Files.readString(dataDir.resolve("server.log"));
        assertTrue(log.contains("Shutting down"), log);
        assertTrue(!log.contains("ERROR"), log);
    }

    /**
     * Started under umask 000, the server still keeps its folder and files private, listens on its HTTP port
     * only (no database port), refuses a second process on the same folder in one sentence, and the admin
     * commands reach it through its admin API.
     */
    @Test
    void theDataFolderIsPrivateWithoutSideDoorsAndServesOneProcess() throws Exception {
        int port = freePort();
        Process server = new ProcessBuilder(withUmask(MainProcess.command("--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                        "--drain-seconds", "1")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile())).start();
        try {
            awaitReady(port, server);
            client(port, dataDir).transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
            try (var files = Files.list(dataDir)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals("server.log")).toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
                }
            }
            assertEquals(java.util.Set.of(port), ListeningPorts.of(server.pid()));

            Process second = new ProcessBuilder(MainProcess.command("--port", Integer.toString(freePort()), "--data-dir", dataDir.toString()))
                    .redirectErrorStream(true).start();
            String refusal = new String(second.getInputStream().readAllBytes());
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.exitValue(), refusal);
            assertTrue(refusal.contains("Another PeerBridge process is using the data folder"), refusal);
            assertFalse(refusal.contains("\tat "), "no stack trace: " + refusal);

            String[] folder = {"--data-dir", dataDir.toString()};
            String portOption = Integer.toString(port);
            assertEquals(0, cli(concat(new String[] {"--port", portOption, "clients", "add", "clinic", "--organization", "Organization/clinic", "--scopes",
                    "system/Task.rs", "--generate-key", dataDir.resolve("clinic.jwk").toString()}, folder)), cliErr.toString());
            assertEquals(0, cli(concat(new String[] {"--port", portOption, "clients", "disable", "clinic"}, folder)), cliErr.toString());
            assertEquals(0, cli(concat(new String[] {"--port", portOption, "clients", "list"}, folder)), cliErr.toString());
            assertTrue(cliOut.toString().matches("(?s).*clinic\\s+disabled\\s+Organization/clinic.*"), cliOut.toString());
            assertEquals(1, cli(concat(new String[] {"--port", portOption, "clients", "enable", "nobody"}, folder)));
            assertTrue(cliErr.toString().contains("No client 'nobody'"), cliErr.toString());

            String base = "http://localhost:" + port + "/fhir";
            String key = dataDir.resolve(AdminBootstrap.KEY_FILE).toString();
            cliOut.getBuffer().setLength(0);
            assertEquals(0, cli("token", "--server", base, "--client-id", AdminBootstrap.CLIENT_ID, "--key", key));
            assertFalse(cliOut.toString().isBlank());
            for (String[] mistake : List.of(
                    new String[] {"token", "--server", "http://localhost:" + freePort() + "/fhir", "--client-id", "peerbridge-admin", "--key", key},
                    new String[] {"token", "--server", "http://localhost:" + port + "/elsewhere", "--client-id", "peerbridge-admin", "--key", key},
                    new String[] {"token", "--server", base, "--client-id", "nobody", "--key", key},
                    new String[] {"token", "--server", base, "--client-id", AdminBootstrap.CLIENT_ID, "--key", key, "--scope", "system/Flag.rs user/*.rs"},
                    new String[] {"token", "--server", base, "--client-id", AdminBootstrap.CLIENT_ID, "--key", dataDir.resolve("nothing.jwk").toString()})) {
                cliErr.getBuffer().setLength(0);
                assertEquals(1, cli(mistake), String.join(" ", mistake));
                assertEquals(1, cliErr.toString().strip().lines().count(), cliErr.toString());
                assertFalse(cliErr.toString().contains("null"), cliErr.toString());
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tokenHelpListsOnlyTheTokenOptions() {
        cli("token", "--help");
        String help = cliOut.toString();
        assertTrue(help.contains("--client-id") && help.contains("--scope"), help);
        assertFalse(help.contains("--data-dir") || help.contains("--db-url"), help);
    }

    @Test
    void aBulkExportShareOutOfRangeIsOneLineAndNoServer() {
        assertEquals(1, cli("--port", "0", "--data-dir", dataDir.toString(), "--bulk-export-share", "1.5"));
        assertEquals("--bulk-export-share: The share of its time an export works must be above 0 and at most 1, not 1.5",
                cliErr.toString().strip());
    }

    private final java.io.StringWriter cliOut = new java.io.StringWriter();
    private final java.io.StringWriter cliErr = new java.io.StringWriter();

    /** A command of the jar, run in this JVM as an operator would run it. */
    private int cli(String... args) {
        picocli.CommandLine commandLine = new picocli.CommandLine(new Main());
        commandLine.setOut(new java.io.PrintWriter(cliOut, true));
        commandLine.setErr(new java.io.PrintWriter(cliErr, true));
        return Main.configure(commandLine).execute(args);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static List<String> withUmask(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    @Test
    void helpListsEveryOption() throws Exception {
        Process help = new ProcessBuilder(MainProcess.command("--help")).redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes());
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        for (String option : List.of("--port", "--data-dir", "--db-url", "--db-user", "--db-password", "--base-url",
                "--program-org", "--config", "--max-body-bytes", "--validator-wait", "--no-auth", "--token-lifetime", "--rate-limit", "--cors-origins",
                "--tls-keystore", "--tls-keystore-password", "--tls-keystore-type", "--allow-insecure-subscription-endpoints",
                "--subscription-workers", "--subscription-poll", "--subscription-retry", "--subscription-retry-cap",
                "--subscription-error-after", "clients", "token")) {
            assertTrue(out.contains(option), option + " missing from --help:\n" + out);
        }
    }

    /** Short polls and retries, as an operator could set them. */
    private static final List<String> FAST_DELIVERY = List.of("--subscription-poll", "50", "--subscription-retry", "100",
            "--subscription-retry-cap", "500");

    private Process start(int port) throws IOException {
        return start(port, List.of());
    }

    private Process start(int port, List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        args.addAll(options);
        return MainProcess.start(dataDir.resolve("server.log"), args);
    }

    private String serverLog() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitReady(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); // ready: the validator has loaded, writes are validated at once
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "server process exited early");
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server was not ready within 5 minutes");
    }

    /** A client authorized as the operator would be after a first start: with the admin key the server wrote. */
    private static IGenericClient client(int port, Path dataDir) throws IOException, java.text.ParseException {
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        String base = "http://localhost:" + port + "/fhir";
        IGenericClient client = FHIR.newRestfulGenericClient(base);
        JWK adminKey = JWK.parse(Files.readString(dataDir.resolve(AdminBootstrap.KEY_FILE)));
        client.registerInterceptor(TestClients.bearer(new TokenClient(base, AdminBootstrap.CLIENT_ID, adminKey, "system/*.cruds",
                HttpClient.newHttpClient())));
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
