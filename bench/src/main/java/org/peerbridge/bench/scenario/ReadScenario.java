package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest authorized request: a read of the program Organization, which every PeerBridge server
 * creates at start-up. It measures what every request pays whatever it does (token check, rate limit,
 * audit row); compare runs with and without authorization to see the cost of the token check.
 *
 * <p>Another server (the HAPI JPA starter, for a comparison) has no such Organization: {@link #prepare}
 * stores one under the same id there, so both servers answer the same read.
 */
public final class ReadScenario implements Scenario {

    public static final String NAME = "read";
    static final String PATH = "Organization/peerbridge-program";
    static final String ORGANIZATION = "{\"resourceType\":\"Organization\",\"id\":\"peerbridge-program\",\"active\":true,"
            + "\"name\":\"Peer support program\"}";

    public ReadScenario(String runId) {
        // a read has nothing to make unique
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GET " + PATH + ": the fixed cost of one authorized, audited request";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        if (server.exchange(new BenchRequest("GET", PATH, null, null)).status() == 404) {
            server.send(new BenchRequest("PUT", PATH, BenchRequest.FHIR_JSON, ORGANIZATION.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public BenchRequest next(long sequence) {
        return new BenchRequest("GET", PATH, null, null);
    }
}
