package org.peerbridge.bench.scenario;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clinician's web pages, as {@value #USERS} signed-in referrers of one organization see them with
 * {@value #REFERRALS} of its referrals stored: {@code referral-list-page} GETs {@code /referrals} (the open alerts,
 * then the first page) and every other time a later page of the list; {@code course-page} GETs a referral's
 * course, {@code /referrals/[id]}, for each referral in turn. Each request carries the session cookie of one of
 * the users, in turn.
 *
 * <p>{@link #prepare} (not timed) registers an EHR client for the organization through the admin API, sends the
 * referrals as that EHR (the {@code referral} scenario's transactions), adds the users through the admin API and
 * signs each in at {@code /login}, as a browser does (the form's CSRF cookie, then the session cookie).
 */
public final class PageScenario implements Scenario {

    public static final String LIST = "referral-list-page";
    public static final String COURSE = "course-page";
    static final int REFERRALS = 1_000;
    static final int USERS = 8;

    private static final Pattern LOCATION = Pattern.compile("ServiceRequest/([A-Za-z0-9.-]+)/_history");
    private static final byte[] LIST_MARK = "id=\"referrals\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COURSE_MARK = "id=\"patient-name\"".getBytes(StandardCharsets.US_ASCII);

    private final String runId;
    private final boolean list;
    private final List<String> sessions = new ArrayList<>();
    private final List<String> referrals = new ArrayList<>();

    PageScenario(String runId, boolean list) {
        this.runId = RunId.require(runId);
        this.list = list;
    }

    public static PageScenario list(String runId) {
        return new PageScenario(runId, true);
    }

    public static PageScenario course(String runId) {
        return new PageScenario(runId, false);
    }

    @Override
    public String name() {
        return list ? LIST : COURSE;
    }

    @Override
    public String description() {
        return "GET " + (list ? "/referrals (first or a later page)" : "/referrals/[id], a referral's course") + " as one of " + USERS
                + " signed-in referrers of an organization with " + REFERRALS + " referrals";
    }

    @Override
    public void prepare(ServerSetup server) throws IOException, InterruptedException {
        String organization = "Organization/bench-" + runId + "-hospital";
        String token = OrganizationClient.token(server, "bench-" + runId + "-ehr", organization);
        ReferralScenario referral = new ReferralScenario(runId);
        for (int i = 0; i < REFERRALS; i++) {
            ServerSetup.Answer answer = server.exchange(referral.next(i).withHeader("Authorization", "Bearer " + token));
            Matcher created = LOCATION.matcher(answer.bodyText());
            if (answer.status() != 200 || !created.find()) {
                throw new IOException("referral " + i + " answered " + answer.status() + ": " + answer.bodyText());
            }
            referrals.add(created.group(1));
        }
        String password = "bench password " + runId;
        for (int i = 0; i < USERS; i++) {
            String username = "bench-" + runId + "-user" + i;
            server.send(new BenchRequest("POST", "auth/users", "application/json", JSONObjectUtils.toJSONString(Map.of("username", username,
                    "role", "referrer", "organization", organization, "password", password)).getBytes(StandardCharsets.UTF_8)));
            sessions.add(signIn(server, username, password));
        }
    }

    /** Signs in as a browser does: the form's token from its cookie, then the session cookie from the 303. */
    private static String signIn(ServerSetup server, String username, String password) throws IOException, InterruptedException {
        String formToken = cookie(server.exchange(new BenchRequest("GET", "/login", null, null).withHeader("Accept", "text/html")),
                "peerbridge_login");
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(formToken);
        return cookie(server.exchange(new BenchRequest("POST", "/login", BenchRequest.FORM, form.getBytes(StandardCharsets.UTF_8))
                .withHeader("Accept", "text/html").withHeader("Cookie", "peerbridge_login=" + formToken)), "peerbridge_session");
    }

    private static String cookie(ServerSetup.Answer answer, String name) throws IOException {
        for (String set : answer.header("set-cookie")) {
            if (set.startsWith(name + "=") && !set.startsWith(name + "=;")) {
                return set.substring(name.length() + 1, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            }
        }
        throw new IOException("no " + name + " cookie in the answer " + answer.status() + ": " + answer.header("set-cookie"));
    }

    @Override
    public BenchRequest next(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0");
        }
        String path = list ? "/referrals" + (sequence % 2 == 0 ? "" : "?offset=" + (sequence / 2 % (REFERRALS / 25)) * 25)
                : "/referrals/" + referrals.get((int) (sequence % referrals.size()));
        return new BenchRequest("GET", path, null, null).withHeader("Accept", "text/html")
                .withHeader("Cookie", "peerbridge_session=" + sessions.get((int) (sequence % sessions.size())));
    }

    /** A 2xx must be the page itself (a session that ended would be a redirect to sign in, counted as an error anyway). */
    @Override
    public String checkSuccess(int status, byte[] body) {
        return status == 200 && body != null && Bodies.contains(body, list ? LIST_MARK : COURSE_MARK) ? null : "2xx-not-the-page";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
