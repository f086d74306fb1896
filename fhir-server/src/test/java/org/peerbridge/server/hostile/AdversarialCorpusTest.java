package org.peerbridge.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerbridge.server.support.RawHttp;
import org.peerbridge.server.support.ServerTest;

/**
 * The project's adversarial corpus ({@code src/test/resources/adversarial/*.http}): each file is one
 * hostile request and the answer it must get. Every answer is a 4xx OperationOutcome (located where
 * the file says), no Java internals in it, nothing stored, and the server keeps answering.
 *
 * <p>A file: comment lines ({@code # ...}), the request line ({@code POST /Patient}, relative to the
 * FHIR base), headers, {@code Expect-Status:} and optionally {@code Expect-Location:}, a blank line, then
 * the body bytes exactly as sent.
 */
class AdversarialCorpusTest extends ServerTest {

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(AdversarialCorpusTest.class.getResource("/adversarial").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".http")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithALocatedOutcomeAndNothingStored(Path file) throws Exception {
        Case hostile = Case.read(Files.readAllBytes(file));
        long storedBefore = storedVersions();

        RawHttp.Answer answer = send(hostile);

        assertEquals(hostile.expectedStatus, answer.status(), file.getFileName() + ": " + answer.text());
        OperationOutcome outcome = server.fhir().newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertEquals(OperationOutcome.IssueSeverity.ERROR, outcome.getIssueFirstRep().getSeverity());
        String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
        assertFalse(diagnostics == null || diagnostics.isBlank(), answer.text());
        assertFalse(diagnostics.matches("(?s).*\\b(java|javax|jakarta|org|com|ca)\\.[a-z]+\\.[\\w.]*[A-Z]\\w*(Exception|Error)\\b.*"),
                "Java internals in: " + diagnostics);
        if (hostile.expectedLocation != null) {
            List<String> where = new ArrayList<>();
            outcome.getIssueFirstRep().getExpression().forEach(e -> where.add(e.getValue()));
            outcome.getIssueFirstRep().getLocation().forEach(l -> where.add(l.getValue()));
            assertTrue(where.contains(hostile.expectedLocation), "expected " + hostile.expectedLocation + " in " + answer.text());
        }
        if (hostile.expectedStatus == 405) {
            assertTrue(answer.text().contains("\r\nAllow: "), "405 without Allow: " + answer.text());
        }
        assertEquals(storedBefore, storedVersions(), "a refused request stored something");
        assertEquals(200, server.send("GET", "/metadata", null, null).statusCode(), "the server stopped answering");
    }

    /** What Jetty answers before any servlet runs is an OperationOutcome too, in XML when the request asks for XML. */
    @org.junit.jupiter.api.Test
    void jettysOwnRefusalsAreOperationOutcomes() throws Exception {
        int port = server.server().port();
        String longer = "POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: 100\r\n"
                + "Authorization: Bearer " + server.accessToken() + "\r\n\r\n{\"resourceType\":\"Patient\"}";
        assertOutcome(400, RawHttp.exchange(port, longer.getBytes(StandardCharsets.UTF_8), new byte[0], 0, true), "json");
        assertOutcome(414, RawHttp.exchange(port, "GET /fhir/Patient?name=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), "json");
        assertOutcome(431, RawHttp.exchange(port, "GET /fhir/Patient HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"), "json");
        assertOutcome(400, RawHttp.exchange(port, "GET /fhir/Patient/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "json");
        assertOutcome(404, RawHttp.exchange(port, "GET /fhir/../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "json");
        assertOutcome(404, RawHttp.exchange(port, "GET /fhir/../elsewhere HTTP/1.1\r\nHost: x\r\nAccept: application/fhir+xml\r\n"
                + "Connection: close\r\n\r\n"), "xml");
    }

    /** A body that trickles in (one byte every half second) gets 408 once it is slower than the minimum data rate. */
    @org.junit.jupiter.api.Test
    void aTricklingBodyGets408() throws Exception {
        byte[] body = "{\"resourceType\":\"Patient\",\"active\":true}".getBytes(StandardCharsets.UTF_8);
        String head = "POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: " + body.length
                + "\r\nAuthorization: Bearer " + server.accessToken() + "\r\n\r\n";
        long before = storedVersions();
        assertOutcome(408, RawHttp.exchange(server.server().port(), head.getBytes(StandardCharsets.UTF_8), body, 500, false), "json");
        assertEquals(before, storedVersions());
    }

    /** FHIR's POST form of search: the form's parameters count, together with the URL's. */
    @org.junit.jupiter.api.Test
    void postSearchHonoursTheFormParameters() {
        awaitReady();
        String family = "Formsearch" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        server.client().create().resource(new org.hl7.fhir.r4.model.Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily(family)))
                .execute();
        String form = "application/x-www-form-urlencoded";
        assertEquals(1, total(server.send("POST", "/Patient/_search", form, "family=" + family)));
        assertEquals(0, total(server.send("POST", "/Patient/_search", form, "family=" + family + "x")));
        assertEquals(1, total(server.send("POST", "/Patient/_search?family=" + family, form, "_count=5")));
        assertEquals(0, total(server.send("POST", "/Patient/_search?family=" + family, form, "gender=female")));
    }

    /** What the server accepts at the edges of the limits reads back, alone, counted and in every history. */
    @org.junit.jupiter.api.Test
    void whatIsAcceptedReadsBack() {
        awaitReady();
        String largest = "9".repeat(90) + "." + "9".repeat(10);
        String text = "Tab\there, line\nbreak, emoji \uD83D\uDE00, accents \u00e9\u00fc";
        String json = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"" + text.replace("\t", "\\t")
                .replace("\n", "\\n") + "\"},\"valueQuantity\":{\"value\":" + largest + "}}";
        java.net.http.HttpResponse<String> created = server.send("POST", "/Observation", "application/fhir+json", json);
        assertEquals(201, created.statusCode(), created.body());
        String id = server.fhir().newJsonParser().parseResource(org.hl7.fhir.r4.model.Observation.class, created.body()).getIdElement().getIdPart();
        org.hl7.fhir.r4.model.Observation read = server.client().read().resource(org.hl7.fhir.r4.model.Observation.class).withId(id).execute();
        assertEquals(new java.math.BigDecimal(largest), read.getValueQuantity().getValue());
        assertEquals(text, read.getCode().getText());
        for (String path : List.of("/Observation", "/Observation?_summary=count", "/Observation/_history", "/_history", "/Observation/" + id + "/_history")) {
            java.net.http.HttpResponse<String> answer = server.send("GET", path, null, null);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        }
    }

    /** Writes wait while the validator loads (a minute on a busy machine); /health/ready says when it has. */
    private static void awaitReady() {
        URI ready = URI.create(server.baseUrl().replaceFirst("/fhir$", "") + "/health/ready");
        org.peerbridge.server.support.Eventually.until("ready", Duration.ofMinutes(5), () -> {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(ready).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static int total(java.net.http.HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return server.fhir().newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, answer.body()).getTotal();
    }

    private static void assertOutcome(int status, RawHttp.Answer answer, String format) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.text().toLowerCase(java.util.Locale.ROOT).contains("content-type: application/fhir+" + format), answer.text());
        org.hl7.fhir.instance.model.api.IBaseResource outcome = format.equals("xml")
                ? server.fhir().newXmlParser().parseResource(answer.body()) : server.fhir().newJsonParser().parseResource(answer.body());
        assertTrue(outcome instanceof OperationOutcome, answer.text());
    }

    /** Every version of every resource the server holds, by the system history's total. */
    private static long storedVersions() {
        java.net.http.HttpResponse<String> history = server.send("GET", "/_history?_count=1", null, null);
        assertEquals(200, history.statusCode(), history.body());
        return server.fhir().newJsonParser().parseResource(org.hl7.fhir.r4.model.Bundle.class, history.body()).getTotal();
    }

    /** Sent over a plain socket: exactly the file's bytes, even where an HTTP client would refuse (a broken %-escape). */
    private static RawHttp.Answer send(Case hostile) throws Exception {
        StringBuilder head = new StringBuilder(hostile.method + " " + URI.create(server.baseUrl()).getPath() + hostile.path + " HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\nAccept: application/fhir+json\r\n")
                .append("Authorization: Bearer ").append(server.accessToken()).append("\r\n")
                .append("Content-Length: ").append(hostile.body.length).append("\r\n");
        hostile.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(start, start.length + hostile.body.length);
        System.arraycopy(hostile.body, 0, request, start.length, hostile.body.length);
        return RawHttp.exchange(server.server().port(), request, new byte[0], 0, false);
    }

    /** One corpus file. */
    private record Case(String method, String path, Map<String, String> headers, int expectedStatus, String expectedLocation, byte[] body) {

        static Case read(byte[] file) {
            int split = indexOf(file, "\n\n".getBytes(StandardCharsets.UTF_8));
            String head = new String(file, 0, split, StandardCharsets.UTF_8);
            byte[] body = Arrays.copyOfRange(file, split + 2, file.length);
            List<String> lines = head.lines().filter(line -> !line.startsWith("#")).toList();
            String[] requestLine = lines.get(0).split(" ", 2);
            Map<String, String> headers = new LinkedHashMap<>();
            int status = 0;
            String location = null;
            for (String line : lines.subList(1, lines.size())) {
                String name = line.substring(0, line.indexOf(':')).trim();
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (name) {
                    case "Expect-Status" -> status = Integer.parseInt(value);
                    case "Expect-Location" -> location = value;
                    default -> headers.put(name, value);
                }
            }
            return new Case(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers, status, location, body);
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalArgumentException("A corpus file needs a blank line after its head");
        }
    }
}
