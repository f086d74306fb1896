package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report load asks for the reports of referrals its own setup gave a course of sessions and scores. */
class ProgressReportScenarioTest {

    private final ProgressReportScenario scenario = new ProgressReportScenario("run42");

    @Test
    void setupCreatesReferralsThenSessionsAndResponsesOnThem() throws Exception {
        List<BenchRequest> sent = new ArrayList<>();
        scenario.prepare(sent::add);
        int referrals = ProgressReportScenario.REFERRALS;
        assertEquals(1 + referrals + referrals * ProgressReportScenario.SESSIONS_PER_REFERRAL
                + referrals * ProgressReportScenario.RESPONSES_PER_REFERRAL, sent.size());
        long sessions = sent.stream().filter(r -> r.path().equals("Encounter")).count();
        long responses = sent.stream().filter(r -> r.path().equals("QuestionnaireResponse")).count();
        assertEquals(referrals * ProgressReportScenario.SESSIONS_PER_REFERRAL, sessions);
        assertEquals(referrals * ProgressReportScenario.RESPONSES_PER_REFERRAL, responses);
        Set<String> courses = new HashSet<>();
        sent.stream().filter(r -> r.path().equals("Encounter")).forEach(r -> courses.add(referralOf(r.bodyText())));
        assertEquals(referrals, courses.size(), "every referral has sessions");
        for (long sequence = 0; sequence < referrals; sequence++) {
            BenchRequest request = scenario.next(sequence);
            assertEquals("GET", request.method());
            String referral = request.path().replace("ServiceRequest/", "").replace("/$progress-report", "");
            assertTrue(courses.contains(referral), request.path());
        }
    }

    @Test
    void onlyADocumentIsASuccess() {
        assertNull(scenario.checkSuccess(200, "{\"resourceType\":\"Bundle\",\"type\":\"document\"}".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(scenario.checkSuccess(200, "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8)));
    }

    private static String referralOf(String body) {
        int start = body.indexOf("ServiceRequest/") + "ServiceRequest/".length();
        return body.substring(start, body.indexOf('"', start));
    }
}
