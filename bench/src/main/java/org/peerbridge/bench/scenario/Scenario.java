package org.peerbridge.bench.scenario;

import java.io.IOException;

/**
 * One kind of load: what each client sends in its closed loop, and what counts as a correct answer.
 *
 * <p>Implementations are shared by all client threads: {@link #next} must be thread-safe and cheap
 * (it runs on the same 2 cores as the server being measured). Every request of a run must be unique
 * where the server would otherwise deduplicate (identifiers, conditional-create criteria), so that
 * a run measures writes, not idempotent replays.
 *
 * <p>Registered in {@link Scenarios}; {@code --list-scenarios} lists them.
 */
public interface Scenario {

    /** Name used on the command line ({@code --scenario NAME}). */
    String name();

    /** One line for {@code --list-scenarios}. */
    String description();

    /**
     * Creates what the requests need on the server (referrals to record sessions on, say), before the
     * priming requests and the warmup; not timed. Most scenarios need nothing.
     */
    default void prepare(ServerSetup server) throws IOException, InterruptedException {
    }

    /**
     * Builds request number {@code sequence} (0, 1, 2, ... across all clients of the run; unique per
     * run). Called concurrently.
     */
    BenchRequest next(long sequence);

    /**
     * Checks a 2xx answer beyond its status, cheaply. Returns null when it is what the scenario
     * expects, otherwise a short label counted as an error (for example "2xx-not-transaction-response").
     * Non-2xx answers never reach this method: they are always errors.
     */
    default String checkSuccess(int status, byte[] body) {
        return null;
    }
}
