package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReadScenarioTest {

    @Test
    void readsTheProgramOrganizationEveryServerHas() {
        Scenario read = Scenarios.create("read", "run1");
        BenchRequest request = read.next(7);
        assertEquals("GET", request.method());
        assertEquals("Organization/peerbridge-program", request.path());
        assertNull(request.body());
    }
}
