package org.peerbridge.server.support;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * A rest-hook endpoint embedded in a test, as an EHR would run one: a JDK HttpServer on 127.0.0.1 that
 * keeps every notification it is sent (headers and the parsed Bundle), those it acknowledged apart from
 * those it refused. It can answer with an error status, hold requests unanswered, or be stopped and
 * started again on the same port (down, then back).
 */
public final class NotificationReceiver implements AutoCloseable {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** One POST received. */
    public record Received(Map<String, List<String>> headers, Bundle bundle) {

        public Parameters status() {
            return (Parameters) bundle.getEntryFirstRep().getResource();
        }

        public String type() {
            return status().getParameterValue("type").primitiveValue();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        /** The event numbers of the notification-event parameters, in order. */
        public List<Long> eventNumbers() {
            return status().getParameter().stream().filter(p -> p.getName().equals("notification-event"))
                    .map(p -> Long.parseLong(p.getPart().get(0).getValue().primitiveValue())).toList();
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> refused = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile int answerStatus = 200;
    private volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;

    public NotificationReceiver() throws IOException {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (hold.getCount() > 0) {
                held.incrementAndGet();
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = answerStatus;
            Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, new String(body, StandardCharsets.UTF_8));
            (status / 100 == 2 ? received : refused).add(new Received(Map.copyOf(exchange.getRequestHeaders()), bundle));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        http.start();
        return http;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/notify";
    }

    /** Every notification acknowledged so far, in arrival order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Every notification answered with an error status so far, in arrival order. */
    public List<Received> refused() {
        return new ArrayList<>(refused);
    }

    public List<Received> ofType(String type) {
        return received().stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<Received> last(String type) {
        List<Received> found = ofType(type);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** Every event number delivered (with repeats, if any), in arrival order. */
    public List<Long> eventNumbers() {
        return ofType("event-notification").stream().flatMap(r -> r.eventNumbers().stream()).toList();
    }

    /** From now on answer with this HTTP status (anything but a 2xx is kept as refused). */
    public void answer(int status) {
        answerStatus = status;
    }

    /** From now on, requests hang (never answered) until {@link #release()}: a dead-slow endpoint. */
    public void hold() {
        hold = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Requests that arrived while holding. */
    public int held() {
        return held.get();
    }

    /** Stops listening: connections are refused. */
    public void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void start() throws IOException {
        server = listen(port);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
