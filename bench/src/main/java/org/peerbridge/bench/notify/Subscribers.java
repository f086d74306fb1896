package org.peerbridge.bench.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.peerbridge.bench.scenario.BenchRequest;
import org.peerbridge.bench.scenario.ServerSetup;

/**
 * Subscribes N times to the SDOH Clinical Care Task topic (every fulfilment Task created or changed),
 * all to one {@link NotificationSink}, and waits for their handshakes: every referral the load then
 * sends makes one event for each subscriber.
 */
public final class Subscribers {

    public static final String TOPIC = "http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Task";
    private static final String TEMPLATE = """
            {"resourceType":"Subscription","status":"requested","reason":"bench subscriber %d of run %s","criteria":"%s",
             "channel":{"type":"rest-hook","endpoint":"%s","payload":"application/fhir+json",
              "_payload":{"extension":[{"url":"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content","valueCode":"id-only"}]}}}
            """;

    private Subscribers() {
    }

    public static void subscribe(ServerSetup server, NotificationSink sink, int count, String runId, Duration wait)
            throws IOException, InterruptedException {
        for (int i = 1; i <= count; i++) {
            server.send(BenchRequest.postFhirJson("Subscription", String.format(Locale.ROOT, TEMPLATE, i, runId, TOPIC, sink.url())));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (sink.handshakes() < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + sink.handshakes() + " of " + count + " subscriptions shook hands within " + wait.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
