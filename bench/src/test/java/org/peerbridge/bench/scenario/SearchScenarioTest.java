package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search load looks up the referrals its own set-up stored, by the Patient ids the server gave them. */
class SearchScenarioTest {

    private final SearchScenario scenario = new SearchScenario("run7");

    @Test
    void searchesInTurnForTheStoredReferrals() throws Exception {
        List<BenchRequest> sent = new ArrayList<>();
        scenario.prepare(answering(sent, 200, "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\",\"entry\":"
                + "[{\"response\":{\"status\":\"201 Created\",\"location\":\"Patient/p%d/_history/1\"}}]}"));
        assertEquals(SearchScenario.REFERRALS, sent.size());
        assertEquals("", sent.get(0).path());

        String mrn = "urn:oid:2.16.840.1.113883.4.1%7Crun7-1";
        assertEquals("Patient?identifier=" + mrn, scenario.next(3).path());
        assertEquals("ServiceRequest?subject=Patient/p1", scenario.next(4).path());
        assertEquals("ServiceRequest?subject:Patient.identifier=" + mrn, scenario.next(5).path());
        assertEquals("Patient?identifier=urn:oid:2.16.840.1.113883.4.1%7Crun7-0", scenario.next(3L * SearchScenario.REFERRALS).path());
        assertEquals("GET", scenario.next(0).method());
    }

    @Test
    void aRefusedReferralStopsTheSetUp() {
        assertThrows(IOException.class, () -> scenario.prepare(answering(new ArrayList<>(), 422, "{\"resourceType\":\"OperationOutcome\"}")));
    }

    @Test
    void anEmptySearchsetIsAnError() {
        assertNull(scenario.checkSuccess(200, "{\"resourceType\":\"Bundle\",\"entry\":[{}]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("2xx-no-match", scenario.checkSuccess(200, "{\"resourceType\":\"Bundle\",\"total\":0}".getBytes(StandardCharsets.UTF_8)));
    }

    /** A set-up that records each request and answers {@code status} with {@code body}, its %d the request's number. */
    private static ServerSetup answering(List<BenchRequest> sent, int status, String body) {
        return new ServerSetup() {
            @Override
            public void send(BenchRequest request) {
                throw new AssertionError("only exchange is expected");
            }

            @Override
            public Answer exchange(BenchRequest request) {
                sent.add(request);
                return new Answer(status, Map.of(), String.format(body, sent.size() - 1).getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
