package org.peerbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void extractsOperationOutcomeDiagnostics() {
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"required\","
                + "\"diagnostics\":\"ServiceRequest.requester: minimum required = 1\",\"expression\":[\"ServiceRequest.requester\"]},"
                + "{\"severity\":\"error\",\"code\":\"processing\",\"diagnostics\" : \"a \\\"quoted\\\" word\"}]}";
        assertEquals(List.of("ServiceRequest.requester: minimum required = 1", "a \"quoted\" word"),
                BenchResult.diagnostics(body));
    }
}
