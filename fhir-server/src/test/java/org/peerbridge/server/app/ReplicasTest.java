package org.peerbridge.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.api.MethodOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerbridge.mapping.subscription.SubscriptionTopics;
import org.peerbridge.server.security.client.TokenClient;
import org.peerbridge.server.subscription.TestSubscriptions;
import org.peerbridge.server.support.Eventually;
import org.peerbridge.server.support.Ports;
import org.peerbridge.server.support.NotificationReceiver;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;

/**
 * Two replicas of the server on one PostgreSQL database, as behind a load balancer: the first one's
 * address plays the public base URL that both are configured with, the second listens on a port of
 * its own. What one replica does must hold on the other.
 */
class ReplicasTest {

    private static final int RACES = 12;
    private static final int EVENTS = 12;
    private static final int PATIENTS = 4;
    private static final int WRITES_PER_WRITER = 24;
    /** What a client has left of its rate limit in the rate-limit test's window. */
    private static final int LEFT = 20;
    private static final long WINDOW_MILLIS = 60_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static RunningServer first;
    private static PeerBridgeServer second;
    private static IGenericClient onFirst;
    private static IGenericClient onSecond;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        int publicPort;
        try (ServerSocket free = new ServerSocket(0)) {
            publicPort = free.getLocalPort();
        }
        String publicBase = "http://localhost:" + publicPort + "/fhir";
        first = RunningServer.start(TestDatabase.POSTGRESQL, config -> config.withPort(publicPort).withBaseUrl(publicBase));
        second = first.startReplica();
        onFirst = first.client();
        onSecond = first.clientAt(secondUrl());
        validating(onFirst);
        validating(onSecond);
    }

    /** Waits until the replica's validator has loaded (a referral is taken), however busy the machine. */
    private static void validating(IGenericClient replica) {
        Eventually.until("the replica validates referrals", Duration.ofMinutes(5), () -> {
            try {
                Referrals.send(replica);
                return true;
            } catch (FhirClientConnectionException slow) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    /**
     * The program rejects the Task on one replica while the referrer revokes the referral on the other,
     * without If-Match: each answer is a success or a conflict, never a 500 (a deadlock), and the
     * referral ends revoked with its Task closed.
     */
    @Test
    void taskRejectedAndReferralRevokedAtOnceOnTwoReplicas() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int race = 0; race < RACES; race++) {
                Referrals.Sent referral = Referrals.send(onFirst);
                Task rejected = referral.task().copy();
                rejected.setStatus(Task.TaskStatus.REJECTED);
                rejected.getStatusReason().setText("Outside the program's service area");
                ServiceRequest revoked = referral.request().copy();
                revoked.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
                rejected.setId(rejected.getIdElement().toUnqualifiedVersionless()); // no If-Match
                revoked.setId(revoked.getIdElement().toUnqualifiedVersionless());

                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Integer> task = CompletableFuture.supplyAsync(
                        at(together, () -> onFirst.update().resource(rejected).execute()), pool);
                CompletableFuture<Integer> request = CompletableFuture.supplyAsync(
                        at(together, () -> onSecond.update().resource(revoked).execute()), pool);
                statuses.add(task.get());
                statuses.add(request.get());

                ServiceRequest storedRequest = onSecond.read().resource(ServiceRequest.class)
                        .withId(referral.request().getIdElement().toVersionless()).execute();
                Task storedTask = onFirst.read().resource(Task.class).withId(referral.task().getIdElement().toVersionless()).execute();
                assertEquals(ServiceRequest.ServiceRequestStatus.REVOKED, storedRequest.getStatus());
                assertTrue(storedTask.getStatus() == Task.TaskStatus.REJECTED || storedTask.getStatus() == Task.TaskStatus.CANCELLED,
                        "the Task is closed either way: " + storedTask.getStatus());
            }
            assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409),
                    "only successes and conflicts: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An EHR subscribed to its Tasks while both replicas deliver (each polls every 50 ms): its referrals,
     * sent half to each replica, arrive as events 1 to N, each exactly once and in order.
     */
    @Test
    void eachEventIsDeliveredOnceWhileBothReplicasDeliver() throws Exception {
        String run = Referrals.unique();
        TokenClient ehrTokens = first.register("ehr-" + run, "Organization/hospital-" + run, "system/*.cruds");
        List<IGenericClient> ehr = List.of(first.clientAt(first.baseUrl(), ehrTokens), first.clientAt(secondUrl(), ehrTokens));
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Subscription subscription = (Subscription) ehr.get(0).create()
                    .resource(TestSubscriptions.to(SubscriptionTopics.SDOH_TASK, receiver.url(), "id-only")).execute().getResource();
            Eventually.until("the handshake", () -> !receiver.ofType("handshake").isEmpty());
            for (int i = 0; i < EVENTS; i++) {
                Referrals.send(ehr.get(i % 2)); // the server creates each referral's Task: one event each
            }
            Eventually.until("all events", () -> receiver.eventNumbers().size() >= EVENTS);
            assertEquals(LongStream.rangeClosed(1, EVENTS).boxed().toList(), receiver.eventNumbers(), "each once, in order");
            assertEquals(1, receiver.ofType("handshake").size(), "one handshake");
            receiver.ofType("event-notification").forEach(notification -> notification.bundle().getEntry().stream().skip(1)
                    .forEach(entry -> assertTrue(entry.getFullUrl().startsWith(first.baseUrl() + "/"), entry.getFullUrl())));
            ehr.get(1).delete().resourceById(subscription.getIdElement().toUnqualifiedVersionless()).execute();
        }
    }

    /**
     * Writers on both replicas update Patients while a poller on each replica repeats a search with
     * {@code _lastUpdated=gt} the previous answer's {@code meta.lastUpdated}: every acknowledged version
     * is in the first poll that started after its acknowledgement (or a later version of the Patient is).
     */
    @Test
    void aPollFromThePreviousAnswerMissesNoChange() throws Exception {
        String family = "Poll" + Referrals.unique();
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            Patient patient = Referrals.patient(Referrals.unique());
            patient.getNameFirstRep().setFamily(family);
            patients.add(onFirst.create().resource(patient).execute().getId().getIdPart());
        }
        List<Write> writes = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (IGenericClient replica : List.of(onFirst, onSecond)) {
                writers.add(pool.submit(() -> write(replica, family, patients, writes)));
            }
            List<Future<List<Poll>>> pollers = new ArrayList<>();
            for (IGenericClient replica : List.of(onSecond, onFirst)) {
                pollers.add(pool.submit(() -> poll(replica, family, writing)));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            for (Future<List<Poll>> poller : pollers) {
                List<Poll> polls = poller.get();
                for (Write write : writes) {
                    assertTrue(seenByFirstPollAfter(polls, write), "version " + write.version() + " of Patient/" + write.id()
                            + " acknowledged before a poll started, and not returned by that poll or before");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A version acknowledged to a writer, and when (System.nanoTime). */
    private record Write(String id, int version, long acknowledged) {
    }

    /** One poll: when it started (System.nanoTime) and the versions it returned. */
    private record Poll(long started, Map<String, Integer> versions) {
    }

    private static void write(IGenericClient replica, String family, List<String> patients, List<Write> writes) {
        for (int i = 0; i < WRITES_PER_WRITER; i++) {
            String id = patients.get(i % patients.size());
            Patient patient = replica.read().resource(Patient.class).withId(id).execute();
            patient.getNameFirstRep().setGiven(List.of(new StringType("Writer" + i)));
            patient.setId(patient.getIdElement().toUnqualifiedVersionless());
            MethodOutcome outcome = replica.update().resource(patient).execute();
            writes.add(new Write(id, Integer.parseInt(outcome.getId().getVersionIdPart()), System.nanoTime()));
        }
    }

    /** Polls until the writers are done, then once more; each poll starts from the previous answer. */
    private static List<Poll> poll(IGenericClient replica, String family, AtomicBoolean writing) {
        List<Poll> polls = new ArrayList<>();
        String since = null;
        boolean last = false;
        while (!last) {
            last = !writing.get();
            long started = System.nanoTime();
            String url = "Patient?family=" + family + "&_count=100"
                    + (since == null ? "" : "&_lastUpdated=gt" + URLEncoder.encode(since, StandardCharsets.UTF_8));
            Bundle answer = replica.search().byUrl(url).returnBundle(Bundle.class).execute();
            Map<String, Integer> versions = new HashMap<>();
            for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
                IdType id = entry.getResource().getIdElement();
                versions.put(id.getIdPart(), Integer.parseInt(entry.getResource().getMeta().getVersionId()));
            }
            polls.add(new Poll(started, versions));
            since = answer.getMeta().getLastUpdatedElement().getValueAsString();
        }
        return polls;
    }

    private static boolean seenByFirstPollAfter(List<Poll> polls, Write write) {
        for (Poll poll : polls) {
            if (poll.versions().getOrDefault(write.id(), 0) >= write.version()) {
                return true;
            }
            if (poll.started() > write.acknowledged()) {
                return false;
            }
        }
        return false;
    }

    /**
     * Both replicas name the one public base in what they write (transaction fullUrls, paging links,
     * the token endpoint), and a page link from one replica is answered by the other with the next page.
     */
    @Test
    void bothReplicasNameThePublicBaseAndPageForEachOther() {
        String publicBase = first.baseUrl();
        Bundle intake = onSecond.transaction().withBundle(Referrals.minimalBundle(Referrals.unique(), Referrals.unique())).execute();
        intake.getEntry().forEach(entry -> assertTrue(entry.getFullUrl().startsWith(publicBase + "/"), entry.getFullUrl()));

        String family = "Pages" + Referrals.unique();
        for (int i = 0; i < 3; i++) {
            Patient patient = Referrals.patient(Referrals.unique());
            patient.getNameFirstRep().setFamily(family);
            onFirst.create().resource(patient).execute();
        }
        List<String> seen = new ArrayList<>();
        Bundle page = onFirst.search().byUrl("Patient?family=" + family + "&_count=2").returnBundle(Bundle.class).execute();
        page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
        String next = page.getLink(Bundle.LINK_NEXT).getUrl();
        assertTrue(next.startsWith(publicBase + "?") || next.startsWith(publicBase + "/"), next);
        Bundle second = onSecond.search().byUrl(secondUrl() + next.substring(publicBase.length())).returnBundle(Bundle.class).execute();
        second.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
        assertEquals(3, seen.size());
        assertEquals(3, seen.stream().distinct().count(), "the second replica's page goes on where the first one's ended");

        String discovery = first.sendWithoutToken("GET", "/.well-known/smart-configuration", null, null).body();
        String discoveryOnSecond = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(secondUrl() + "/.well-known/smart-configuration")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).join().body();
        assertTrue(discoveryOnSecond.contains("\"" + publicBase + "/auth/token\""), discoveryOnSecond);
        assertEquals(discovery, discoveryOnSecond);
    }

    /**
     * A client's limit is shared: a third replica, present only through its row, has used all but
     * {@value #LEFT} of the window; the first replica admits half of that, and once the second has synced
     * (its own row is written in the same step that reads the others'), the second admits exactly the
     * rest and refuses the next. The first refuses too once it has read the second's count. (Run in one
     * window of the database's clock: a new window would start every count again.)
     */
    @Test
    void aClientsRateLimitIsSharedByTheReplicas() throws Exception {
        inOneRateWindow(window -> {
            String clientId = "busy-" + Referrals.unique();
            String token = first.register(clientId, first.config().programOrg(), "system/Patient.rs").accessToken();
            int limit = first.config().security().rateLimitPerMinute();
            try (Connection c = first.jdbc(); PreparedStatement elsewhere = c.prepareStatement(
                    "INSERT INTO rate_limit_count (window_start, client_id, replica, used) VALUES (?, ?, 'replica-elsewhere', ?)")) {
                elsewhere.setLong(1, window);
                elsewhere.setString(2, clientId);
                elsewhere.setInt(3, limit - LEFT);
                elsewhere.executeUpdate();
            }
            for (int i = 0; i < LEFT / 2; i++) {
                assertEquals(200, countPatients(first.baseUrl(), token));
            }
            Eventually.until("the first replica's count is shared", () -> sharedCounts(clientId).equals(List.of(LEFT / 2, limit - LEFT)));
            assertEquals(200, countPatients(secondUrl(), token));
            Eventually.until("the second replica has synced", () -> sharedCounts(clientId).equals(List.of(1, LEFT / 2, limit - LEFT)));
            int admitted = 1;
            while (countPatients(secondUrl(), token) == 200) {
                admitted++;
            }
            assertEquals(LEFT / 2, admitted, "the second replica admitted what the first and the third left, and not one more");
            Eventually.until("the first replica refuses once it has read the second's count", () -> countPatients(first.baseUrl(), token) == 429);
        });
    }

    /**
     * Counting a request never touches a rate-limit row: with the whole table locked, one client's
     * requests on both replicas at once are all answered, while both replicas' syncs wait for the lock.
     */
    @Test
    void requestsOfOneClientOnBothReplicasWaitForNoRateLimitRow() throws Exception {
        String token = first.register("steady-" + Referrals.unique(), first.config().programOrg(), "system/Patient.rs").accessToken();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Connection lock = first.jdbc()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE rate_limit_count IN ACCESS EXCLUSIVE MODE");
            Eventually.until("both replicas' syncs wait for the lock", () -> waitingForRateLimitRows() == 2);
            CyclicBarrier together = new CyclicBarrier(8);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String replica = i % 2 == 0 ? first.baseUrl() : secondUrl();
                answers.add(pool.submit(() -> {
                    together.await();
                    return countPatients(replica, token);
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
            assertEquals(2, waitingForRateLimitRows(), "only the syncs wait, and they still do");
            lock.rollback();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A third replica as an operator runs it: a process of its own (Main, its own data folder) on the same
     * database. It answers before its validator has loaded, and until then /health/ready is 503 naming the
     * validator and a write is refused at once with 503 and Retry-After, nothing stored (--validator-wait 0).
     * Once ready, it validates writes at once. On SIGTERM it reports not ready at once and keeps serving; an
     * update it is working on (held on a row lock) gets its answer after the listener has closed; then the
     * process exits 0. The first replica serves throughout.
     */
    @Test
    void aReplicaProcessIsReadyOnceItValidatesAndOnSigtermFinishesItsRequestThenExits(@TempDir Path dataDir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String root = "http://localhost:" + port;
        Path log = dataDir.resolve("server.log");
        Process third = MainProcess.start(log, List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--db-url", first.config().effectiveDbUrl(), "--db-user", first.config().dbUser(), "--base-url", first.baseUrl(),
                "--validator-wait", "0", "--drain-seconds", "10"));
        String token = first.accessToken();
        try {
            List<HttpResponse<String>> readiness = new ArrayList<>();
            Eventually.until("the third replica answers", Duration.ofMinutes(5), () -> answered(third, log, root + "/health/ready", readiness));
            String family = "Early" + Referrals.unique();
            HttpResponse<String> early = send("POST", root + "/fhir/Patient", patient(null, family), token);
            Eventually.until("the third replica is ready", Duration.ofMinutes(5), () -> answered(third, log, root + "/health/ready", readiness)
                    && readiness.get(readiness.size() - 1).statusCode() == 200);
            List<HttpResponse<String>> notReady = readiness.subList(0, readiness.size() - 1);
            assertFalse(notReady.isEmpty(), "it answers before its validator has loaded");
            for (HttpResponse<String> answer : notReady) {
                assertEquals(503, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("\"validator\":\"down\""), answer.body());
            }
            if (early.statusCode() != 201) { // 201 only if the validator loaded between the first answer and this write
                assertEquals(503, early.statusCode(), early.body());
                assertEquals("5", early.headers().firstValue("Retry-After").orElse(null));
                assertTrue(early.body().contains("\"code\":\"transient\""), early.body());
                assertEquals(0, onFirst.search().byUrl("Patient?family=" + family).returnBundle(Bundle.class).execute().getEntry().size(),
                        "nothing stored");
            }
            assertEquals(201, send("POST", root + "/fhir/Patient", patient(null, family), token).statusCode(), "ready: writes are validated at once");

            String id = onFirst.create().resource(Referrals.patient(Referrals.unique())).execute().getId().getIdPart();
            try (Connection lock = first.jdbc()) {
                lock.setAutoCommit(false);
                lock.createStatement().executeQuery("SELECT version FROM resource WHERE res_type = 'Patient' AND res_id = '" + id + "' FOR UPDATE");
                CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                        () -> send("PUT", root + "/fhir/Patient/" + id, patient(id, "Updated"), token));
                Eventually.until("the update waits for its row", () -> waitingForLocks() == 1);
                third.destroy(); // SIGTERM
                Eventually.until("not ready as soon as it drains", () -> send("GET", root + "/health/ready", null, null).body()
                        .contains("\"accepting\":\"down\""));
                assertEquals(200, send("GET", root + "/fhir/Patient/" + id, null, token).statusCode(), "the draining replica still serves");
                assertEquals(201, send("POST", first.baseUrl() + "/Patient", patient(null, family), token).statusCode(),
                        "the first replica serves");
                Eventually.until("the draining replica stops listening", Duration.ofMinutes(1), () -> Ports.refusesConnections(port));
                assertTrue(third.isAlive() && !inFlight.isDone(), "the process waits for the update in flight");
                lock.rollback();
                assertEquals(200, inFlight.get().statusCode(), "the request in flight got its answer");
            }
            assertTrue(third.waitFor(2, TimeUnit.MINUTES), "the process exits once its request is answered");
            assertEquals(0, third.exitValue(), readString(log));
            assertEquals("Updated", onSecond.read().resource(Patient.class).withId(id).execute().getNameFirstRep().getFamily());
            assertEquals(201, send("POST", first.baseUrl() + "/Patient", patient(null, family), token).statusCode(), "the first replica serves on");
        } finally {
            third.destroyForcibly(); // only if an assertion failed before it exited
            third.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Adds the answer to {@code answers} once the process listens; false while it does not yet. */
    private static boolean answered(Process process, Path log, String url, List<HttpResponse<String>> answers) {
        if (!process.isAlive()) {
            throw new AssertionError("the process exited: " + readString(log));
        }
        try {
            answers.add(send("GET", url, null, null));
            return true;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String patient(String id, String family) {
        return "{\"resourceType\":\"Patient\"" + (id == null ? "" : ",\"id\":\"" + id + "\"") + ",\"name\":[{\"family\":\"" + family + "\"}]}";
    }

    private static HttpResponse<String> send(String method, String url, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int waitingForLocks() {
        return query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").get(0);
    }

    private static int countPatients(String base, String token) {
        return send("GET", base + "/Patient?_summary=count", null, token).statusCode();
    }

    /** The client's rows in rate_limit_count, smallest count first. */
    private static List<Integer> sharedCounts(String clientId) {
        return query("SELECT used FROM rate_limit_count WHERE client_id = '" + clientId + "' ORDER BY used");
    }

    private static int waitingForRateLimitRows() {
        return query("SELECT COUNT(*) FROM pg_locks WHERE relation = 'rate_limit_count'::regclass AND NOT granted").get(0);
    }

    private static List<Integer> query(String sql) {
        try (Connection c = first.jdbc(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            List<Integer> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a scenario needs of the rate-limit window it runs in (its start, on the database's clock). */
    @FunctionalInterface
    private interface InWindow {
        void run(long window) throws Exception;
    }

    /**
     * Runs the scenario in one window of the database's clock: starts it with at least a third of a
     * window left, and runs it again if a new window began before it ended.
     */
    private static void inOneRateWindow(InWindow scenario) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            Eventually.until("a third of a rate-limit window is left", Duration.ofSeconds(30),
                    () -> databaseMillis() % WINDOW_MILLIS < WINDOW_MILLIS * 2 / 3);
            long window = databaseMillis() / WINDOW_MILLIS * WINDOW_MILLIS;
            try {
                scenario.run(window);
            } catch (AssertionError failure) {
                if (databaseMillis() / WINDOW_MILLIS * WINDOW_MILLIS == window) {
                    throw failure;
                }
                continue; // a new window began: every count started again
            }
            if (databaseMillis() / WINDOW_MILLIS * WINDOW_MILLIS == window) {
                return;
            }
        }
        throw new AssertionError("two attempts each crossed into a new rate-limit window");
    }

    private static long databaseMillis() {
        try (Connection c = first.jdbc(); ResultSet now = c.createStatement().executeQuery("SELECT CURRENT_TIMESTAMP")) {
            now.next();
            return now.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String secondUrl() {
        return "http://localhost:" + second.port() + "/fhir";
    }

    /** Sends the update once both sides are ready, and gives its HTTP status. */
    private static Supplier<Integer> at(CyclicBarrier together, Supplier<?> update) {
        return () -> {
            try {
                together.await();
                update.get();
                return 200;
            } catch (BaseServerResponseException answer) {
                return answer.getStatusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
