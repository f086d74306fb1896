package org.peerbridge.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page loads sign in as a browser would and ask for the organization's own referrals: set up against a stand-in
 * that answers as PeerBridge does (a token, transaction responses, the sign-in form's cookie, the session cookie).
 */
class PageScenarioTest {

    /** Answers like PeerBridge and remembers what it was sent. */
    private static final class StandIn implements ServerSetup {
        final List<BenchRequest> sent = new ArrayList<>();
        private int referrals;
        private int forms;
        private int sessions;

        @Override
        public void send(BenchRequest request) {
            sent.add(request);
        }

        @Override
        public Answer exchange(BenchRequest request) {
            sent.add(request);
            String key = request.method() + " " + request.path();
            return switch (key) {
                case "GET .well-known/smart-configuration" -> answer(200, Map.of(), "{\"token_endpoint\":\"http://127.0.0.1/fhir/auth/token\"}");
                case "POST auth/token" -> answer(200, Map.of(), "{\"access_token\":\"ehr-token\",\"expires_in\":300}");
                case "POST " -> answer(200, Map.of(), "{\"entry\":[{\"response\":{\"location\":\"ServiceRequest/sr-" + referrals++ + "/_history/1\"}}]}");
                case "GET /login" -> answer(200, Map.of("set-cookie", List.of("peerbridge_login=form-" + forms++ + "; Path=/; HttpOnly")), "");
                case "POST /login" -> answer(303, Map.of("set-cookie", List.of("peerbridge_login=; Max-Age=0",
                        "peerbridge_session=session-" + sessions++ + "; Path=/; HttpOnly")), "");
                default -> throw new AssertionError("not expected: " + key);
            };
        }

        private static Answer answer(int status, Map<String, List<String>> headers, String body) {
            return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void setupSendsTheReferralsAsTheOrganizationsEhrAndSignsTheUsersIn() throws Exception {
        StandIn server = new StandIn();
        PageScenario course = PageScenario.course("run42");
        course.prepare(server);

        assertEquals("system/*.cruds", server.sent.get(0).bodyText().replaceFirst(".*\"scope\":\"([^\"]*)\".*", "$1"));
        assertTrue(server.sent.get(0).bodyText().contains("\"organization\":\"Organization/bench-run42-hospital\""));
        List<BenchRequest> referrals = server.sent.stream().filter(r -> r.path().isEmpty()).toList();
        assertEquals(PageScenario.REFERRALS, referrals.size());
        assertTrue(referrals.stream().allMatch(r -> "Bearer ehr-token".equals(r.headers().get("Authorization"))), "sent as the organization's EHR");
        BenchRequest signIn = server.sent.stream().filter(r -> r.method().equals("POST") && r.path().equals("/login")).findFirst().orElseThrow();
        assertEquals("peerbridge_login=form-0", signIn.headers().get("Cookie"));
        assertTrue(signIn.bodyText().endsWith("&_csrf=form-0"), signIn.bodyText());

        BenchRequest page = course.next(1_005);
        assertEquals("/referrals/sr-5", page.path());
        assertEquals("peerbridge_session=session-" + 1_005 % PageScenario.USERS, page.headers().get("Cookie"));
        assertEquals("text/html", page.headers().get("Accept"));
    }

    @Test
    void theListLoadAsksForTheFirstPageAndLaterPagesInTurn() throws Exception {
        PageScenario list = PageScenario.list("run42");
        list.prepare(new StandIn());
        assertEquals("/referrals", list.next(0).path());
        assertEquals("/referrals?offset=0", list.next(1).path());
        assertEquals("/referrals?offset=25", list.next(3).path());
        assertEquals("/referrals?offset=975", list.next(79).path());
        assertNull(list.checkSuccess(200, "<table id=\"referrals\">".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(list.checkSuccess(200, "<h1>Refused</h1>".getBytes(StandardCharsets.UTF_8)));
    }
}
