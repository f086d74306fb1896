package org.peerbridge.bench.scenario;

/**
 * The cheapest authorized request: a read of the program Organization, which every PeerBridge server
 * creates at start-up. It measures what every request pays whatever it does (token check, rate limit,
 * audit row); compare runs with and without authorization to see the cost of the token check.
 */
public final class ReadScenario implements Scenario {

    public static final String NAME = "read";
    static final String PATH = "Organization/peerbridge-program";

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
    public BenchRequest next(long sequence) {
        return new BenchRequest("GET", PATH, null, null);
    }
}
