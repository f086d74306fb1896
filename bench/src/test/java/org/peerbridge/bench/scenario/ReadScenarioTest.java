package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadScenarioTest {

    private final Scenario read = Scenarios.create("read", "run1");

    @Test
    void readsTheProgramOrganizationEveryServerHas() {
        BenchRequest request = read.next(7);
        assertEquals("GET", request.method());
        assertEquals("Organization/peerbridge-program", request.path());
        assertNull(request.body());
    }

    @Test
    void storesTheOrganizationOnlyOnAServerThatLacksIt() throws Exception {
        assertEquals(List.of("GET"), prepareAgainst(200));
        assertEquals(List.of("GET", "PUT"), prepareAgainst(404));
    }

    /** The methods the set-up sent to a server that answers the first GET with {@code readStatus}. */
    private List<String> prepareAgainst(int readStatus) throws Exception {
        List<String> methods = new ArrayList<>();
        read.prepare(new ServerSetup() {
            @Override
            public void send(BenchRequest request) {
                methods.add(request.method());
                assertEquals("Organization/peerbridge-program", request.path());
                assertTrue(request.bodyText().contains("\"id\":\"peerbridge-program\""));
            }

            @Override
            public Answer exchange(BenchRequest request) {
                methods.add(request.method());
                return new Answer(readStatus, Map.of(), new byte[0]);
            }
        });
        return methods;
    }
}
