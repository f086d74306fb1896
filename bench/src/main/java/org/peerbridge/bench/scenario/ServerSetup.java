package org.peerbridge.bench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** How a scenario creates what its requests need on the server, before any clock starts. */
@FunctionalInterface
public interface ServerSetup {

    /** An answer to a set-up request: its status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The values of header {@code name} (lower case). */
        public List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /** Sends one request; an answer other than 2xx is an IOException that names the status. */
    void send(BenchRequest request) throws IOException, InterruptedException;

    /**
     * Sends one request and gives its answer whatever its status (a sign-in answers 303), for scenarios that read
     * what the server made (a token, a session cookie, new ids). The load generator's set-up implements it.
     */
    default Answer exchange(BenchRequest request) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("this set-up only sends");
    }
}
