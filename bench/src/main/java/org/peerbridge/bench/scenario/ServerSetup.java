package org.peerbridge.bench.scenario;

import java.io.IOException;

/** How a scenario creates what its requests need on the server, before any clock starts. */
@FunctionalInterface
public interface ServerSetup {

    /** Sends one request; an answer other than 2xx is an IOException that names the status. */
    void send(BenchRequest request) throws IOException, InterruptedException;
}
