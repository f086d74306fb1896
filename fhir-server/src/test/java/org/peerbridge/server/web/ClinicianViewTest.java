package org.peerbridge.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.peerbridge.server.app.Main;
import org.peerbridge.server.security.auth.AdminBootstrap;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.TestDatabase;
import picocli.CommandLine;

/**
 * The clinician's pages in a real browser (headless Chromium) against a real server: a referring
 * clinician signs in, sees her organization's referrals with the open safety alert first, opens a
 * course (chart data, item answers, sessions, the report and its PDF), cannot open another
 * organization's referral, cannot post a form without its CSRF token, and sees a hostile patient name
 * as text. Every page view leaves an audit row naming her. H2 only: nothing here depends on the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicianViewTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE_NAME = "<script>alert(1)</script>";
    private static final String COURSE_MRN = "MRN-" + Referrals.unique();
    private static final String HOSTILE_MRN = "MRN-" + Referrals.unique();
    private static final String OTHER_MRN = "MRN-" + Referrals.unique();

    private static RunningServer server;
    private static ChromeDriver browser;
    private static String web;
    private static Referrals.Sent course;
    private static Referrals.Sent hostile;
    private static Referrals.Sent otherOrganizations;
    private static IGenericClient hospitalA;
    private static IGenericClient program;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = RunningServer.start(TestDatabase.H2);
        // the first write waits for the validator's definitions, which can take minutes on a saturated machine
        server.fhir().getRestfulClientFactory().setSocketTimeout(300_000);
        String run = Referrals.unique();
        hospitalA = server.clientFor("ehr-a-" + run, "Organization/hospital-a", "system/*.cruds");
        IGenericClient hospitalB = server.clientFor("ehr-b-" + run, "Organization/hospital-b", "system/*.cruds");
        program = server.client();
        course = referral(hospitalA, program, COURSE_MRN, "Jordan", "Rivera");
        hostile = referral(hospitalA, program, HOSTILE_MRN, null, HOSTILE_NAME);
        otherOrganizations = referral(hospitalB, program, OTHER_MRN, "Sam", "Otherorg");

        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        program.create().resource(Responses.answered(Responses.PHQ9, course, "2026-01-05T10:00:00Z", 2, 2, 2, 2, 2, 2, 2, 2, 2)).execute();
        program.create().resource(Responses.answered(Responses.GAD7, course, "2026-01-05T10:05:00Z", 2, 2, 2, 2, 2, 1, 1)).execute();
        Encounter first = Sessions.attended(course, supporter.role());
        first.setPeriod(Sessions.period("2026-01-06T15:00:00Z", "2026-01-06T15:50:00Z"));
        Sessions.record(program, first);
        Encounter missed = Sessions.noShow(course, supporter.role());
        missed.setPeriod(Sessions.period("2026-01-13T15:00:00Z", "2026-01-13T15:50:00Z"));
        Sessions.record(program, missed);
        program.create().resource(Responses.answered(Responses.PHQ9, course, "2026-02-04T10:00:00Z", 1, 1, 1, 1, 1, 1, 0, 0, 0)).execute();
        program.create().resource(Responses.answered(Responses.GAD7, course, "2026-02-04T10:05:00Z", 1, 1, 1, 1, 1, 1, 1)).execute();

        addUser("dr-a", "referrer", "Organization/hospital-a");
        addUser("dr-locked", "referrer", "Organization/hospital-a");
        web = server.baseUrl().replaceFirst("/fhir$", "");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The referring hospital sends the referral of the patient with this MRN; the program accepts it. */
    private static Referrals.Sent referral(IGenericClient hospital, IGenericClient program, String mrn, String given, String family) {
        Bundle bundle = Referrals.minimalBundle(mrn, Referrals.unique());
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        HumanName name = new HumanName().setFamily(family);
        if (given != null) {
            name.addGiven(given);
        }
        patient.setName(List.of(name));
        Bundle response = hospital.transaction().withBundle(bundle).execute();
        String requestId = response.getEntry().get(2).getResponse().getLocation().replaceFirst("/_history/.*", "");
        ServiceRequest request = hospital.read().resource(ServiceRequest.class).withId(requestId).execute();
        Task task = (Task) program.search().forResource(Task.class).where(Task.FOCUS.hasId(requestId)).returnBundle(Bundle.class)
                .execute().getEntryFirstRep().getResource();
        task.setStatus(Task.TaskStatus.ACCEPTED);
        return new Referrals.Sent(request, (Task) program.update().resource(task).execute().getResource());
    }

    private static void addUser(String username, String role, String organization) {
        HttpResponse<String> created = server.send("POST", "/auth/users", "application/json",
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"organization\":\"" + organization
                        + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
    }

    private static String id(Referrals.Sent referral) {
        return referral.request().getIdElement().getIdPart();
    }

    private static void signIn(String username, String password) {
        browser.get(web + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        // Signed in or refused, the answer is a new page, so the session exists before the test goes on.
        Browser.clickToNextPage(browser, By.cssSelector("form[action='/login'] button"));
    }


    @Test
    @Order(1)
    void anUnsignedVisitorIsSentToSignIn() throws Exception {
        browser.get(web + "/referrals");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        browser.get(server.baseUrl());
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "the API's address in a browser leads to the pages: " + browser.getCurrentUrl());
        HttpResponse<String> client = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl())).header("Accept", "application/fhir+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, client.statusCode(), "a FHIR client without a token is still told to get one");
        assertTrue(client.body().contains("\"code\":\"login\""), client.body());
        Browser.screenshot(browser, "sign-in", 700);
        signIn("dr-a", "a wrong password!!");
        String refusal = browser.findElement(By.cssSelector("p.error")).getText();
        assertTrue(refusal.startsWith("Sign-in refused"), refusal);
    }

    @Test
    @Order(2)
    void theReferralListShowsTheOrganizationsReferralsWithTheOpenAlertFirst() throws Exception {
        signIn("dr-a", PASSWORD);
        assertTrue(browser.getCurrentUrl().endsWith("/referrals"), browser.getCurrentUrl());
        List<String> alerted = browser.findElements(By.cssSelector("#alerted tbody tr")).stream()
                .map(r -> r.getAttribute("data-referral")).toList();
        assertEquals(List.of(id(course)), alerted);
        List<String> listed = browser.findElements(By.cssSelector("#referrals tbody tr")).stream()
                .map(r -> r.getAttribute("data-referral")).toList();
        assertTrue(listed.containsAll(List.of(id(course), id(hostile))), listed.toString());
        assertFalse(listed.contains(id(otherOrganizations)), "another organization's referral is listed");
        assertFalse(browser.getPageSource().contains("Otherorg"));
        Browser.screenshot(browser, "referrals", 900);

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("status"))).selectByValue("completed");
        Browser.clickToNextPage(browser, By.cssSelector("form.filter button"));
        assertTrue(browser.getCurrentUrl().contains("status=completed"), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.cssSelector("#referrals tbody tr")).isEmpty());
    }

    @Test
    @Order(3)
    void theCourseShowsAlertTimelineChartsAnswersAndSessions() throws Exception {
        browser.get(web + "/referrals");
        Browser.clickToNextPage(browser, By.cssSelector("#alerted a"));
        assertEquals(1, browser.findElements(By.id("patient-name")).size(), browser.getPageSource());
        assertEquals("Jordan Rivera", browser.findElement(By.id("patient-name")).getText());
        assertEquals("1990-04-12", browser.findElement(By.id("birth-date")).getText());
        WebElement alert = browser.findElement(By.cssSelector("#open-alerts li"));
        assertTrue(alert.getText().contains("PHQ-9") && alert.getText().contains("2026-01-05"), alert.getText());
        // the alert comes before everything else on the page
        assertTrue(browser.getPageSource().indexOf("open-alerts") < browser.getPageSource().indexOf("timeline-heading"));

        List<Integer> phq9 = new ArrayList<>();
        List<String> timePoints = new ArrayList<>();
        for (WebElement point : browser.findElements(By.cssSelector("svg[data-instrument='phq-9'] g.point"))) {
            phq9.add(Integer.parseInt(point.getAttribute("data-score")));
            timePoints.add(point.getAttribute("data-time-point"));
        }
        assertEquals(List.of(18, 6), phq9);
        assertEquals("Baseline", timePoints.get(0));
        assertEquals(5, browser.findElements(By.cssSelector("svg[data-instrument='phq-9'] rect.band")).size());
        List<String> table = browser.findElements(By.cssSelector("#instrument-phq-9 table.readings tbody tr td:nth-child(2)"))
                .stream().map(WebElement::getText).toList();
        assertEquals(List.of("18", "6"), table);
        assertTrue(browser.findElement(By.cssSelector("#instrument-phq-9 figcaption")).getText().contains("Response: yes"));

        WebElement baselineAnswers = browser.findElement(By.cssSelector("details.concern"));
        assertFalse(baselineAnswers.findElement(By.cssSelector("tr[data-link-id='44260-8']")).isDisplayed());
        baselineAnswers.findElement(By.tagName("summary")).click();
        WebElement item9 = baselineAnswers.findElement(By.cssSelector("tr[data-link-id='44260-8']"));
        assertTrue(item9.isDisplayed());
        assertTrue(item9.getText().contains("More than half the days"), item9.getText());

        List<String> sessions = browser.findElements(By.cssSelector("#sessions tbody tr")).stream().map(WebElement::getText).toList();
        assertEquals(2, sessions.size());
        assertTrue(sessions.get(0).contains("2026-01-06") && sessions.get(0).contains("Robin Supporter")
                && sessions.get(0).contains("45 min") && sessions.get(0).contains("Attended"), sessions.get(0));
        assertTrue(sessions.get(1).contains("No-show"), sessions.get(1));
        Browser.screenshot(browser, "course", 3400);
    }

    @Test
    @Order(4)
    void theProgressReportPrintsAndDownloadsAsPdf() throws Exception {
        browser.get(web + "/referrals/" + id(course) + "/report");
        assertTrue(browser.findElement(By.tagName("article")).getText().contains("Safety"));
        Browser.screenshot(browser, "report", 2200);
        HttpResponse<byte[]> pdf = HTTP.send(withSession(HttpRequest.newBuilder(URI.create(web + "/referrals/" + id(course) + "/report.pdf")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF", new String(pdf.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    @Order(5)
    void anotherOrganizationsReferralIsNotFoundAndShowsNothing() throws Exception {
        for (String path : List.of("/referrals/" + id(otherOrganizations), "/referrals/" + id(otherOrganizations) + "/report",
                "/referrals/no-such-referral")) {
            browser.get(web + path);
            assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
            assertFalse(browser.getPageSource().contains("Otherorg"));
            HttpResponse<String> raw = HTTP.send(withSession(HttpRequest.newBuilder(URI.create(web + path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, raw.statusCode());
        }
        Browser.screenshot(browser, "not-found", 600);
    }

    @Test
    @Order(6)
    void aHostilePatientNameIsShownAsText() {
        browser.get(web + "/referrals/" + id(hostile));
        assertEquals(HOSTILE_NAME, browser.findElement(By.id("patient-name")).getText());
        assertNoAlert();
        browser.get(web + "/referrals");
        assertTrue(browser.findElements(By.cssSelector("#referrals a")).stream().anyMatch(a -> a.getText().equals(HOSTILE_NAME)));
        assertNoAlert();
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script ran");
        } catch (NoAlertPresentException expected) {
            // the name stayed text
        }
    }

    @Test
    @Order(7)
    void formsWithoutTheirCsrfTokenAreRefused() throws Exception {
        HttpResponse<String> logout = HTTP.send(withSession(HttpRequest.newBuilder(URI.create(web + "/logout")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, logout.statusCode());
        browser.get(web + "/referrals");
        assertTrue(browser.getCurrentUrl().endsWith("/referrals"), "the session survived the forged sign-out");

        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=dr-a&password=" + PASSWORD.replace(' ', '+'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, login.statusCode());
        assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(WebPaths.SESSION_COOKIE + "=")));
    }

    @Test
    @Order(8)
    void everyPageViewIsAuditedWithIdsNamingTheUser() throws Exception {
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT e.subtype, a.res_type, a.res_id FROM audit_event e"
                + " JOIN audit_entity a ON a.audit_id = e.id WHERE e.client_id = ? AND e.organization = ?")) {
            ps.setString(1, "user:dr-a");
            ps.setString(2, "Organization/hospital-a");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + "/" + rs.getString(3));
                }
            }
            assertTrue(rows.contains("page-course ServiceRequest/" + id(course)), rows.toString());
            assertTrue(rows.contains("page-course " + course.patientReference()), rows.toString());
            assertTrue(rows.contains("page-referrals ServiceRequest/" + id(hostile)), rows.toString());
            assertFalse(rows.stream().anyMatch(r -> r.contains(id(otherOrganizations)) && !r.startsWith("page-course ServiceRequest")
                    && !r.startsWith("page-report ServiceRequest")), rows.toString());
        }
    }

    @Test
    @Order(9)
    void signOutEndsTheSession() throws Exception {
        String cookie = browser.manage().getCookieNamed(WebPaths.SESSION_COOKIE).getValue();
        browser.get(web + "/referrals");
        Browser.clickToNextPage(browser, By.cssSelector("form[action='/logout'] button"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"));
        HttpResponse<String> replayed = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/referrals"))
                .header("Cookie", WebPaths.SESSION_COOKIE + "=" + cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, replayed.statusCode());
    }

    @Test
    @Order(10)
    void anIdleSessionEnds() throws Exception {
        signIn("dr-a", PASSWORD);
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("UPDATE web_session SET last_seen = last_seen - ?")) {
            ps.setLong(1, org.peerbridge.server.security.users.WebSessions.IDLE_MILLIS + 1000);
            ps.executeUpdate();
        }
        browser.get(web + "/referrals");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
    }

    @Test
    @Order(11)
    void repeatedWrongPasswordsLockTheUser() {
        for (int i = 0; i < org.peerbridge.server.security.users.UserRegistry.FAILURES_BEFORE_LOCK; i++) {
            signIn("dr-locked", "wrong password " + i);
        }
        signIn("dr-locked", PASSWORD);
        assertTrue(browser.findElement(By.cssSelector("p.error")).getText().startsWith("Sign-in refused"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"));
    }

    /**
     * Without a session, a path that is no page is not found, for a browser (the 404 page, not the sign-in
     * page) and for a FHIR client (a 404 OperationOutcome, JSON or XML as asked); a page still asks to sign in.
     */
    @Test
    @Order(12)
    void anUnknownPathIsNotFoundWithoutASessionWhileAPageAsksToSignIn() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(web + "/no-such-page");
        assertEquals("Not found", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/no-such-page"), browser.getCurrentUrl());

        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/no-such-page")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"), json.headers().toString());
        assertTrue(json.body().contains("\"resourceType\":\"OperationOutcome\"") && json.body().contains("\"code\":\"not-found\""), json.body());
        HttpResponse<String> xml = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/referrals-old/no-such-page"))
                .header("Accept", "application/fhir+xml").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, xml.statusCode());
        assertTrue(xml.body().contains("<OperationOutcome xmlns=\"http://hl7.org/fhir\">"), xml.body());

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(web + "/referrals")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").map(location -> location.replaceFirst("^https?://[^/]+", "")).orElse(""));
    }

    private static HttpRequest.Builder withSession(HttpRequest.Builder request) {
        return request.header("Cookie", WebPaths.SESSION_COOKIE + "=" + browser.manage().getCookieNamed(WebPaths.SESSION_COOKIE).getValue());
    }

    /**
     * The same pages opened from inside the EHR (SMART App Launch, EHR launch) against {@link TestEhr}, a real EHR on
     * its own port: registered for hospital-a with the {@code ehrs} command, it launches PeerBridge in a patient's
     * context and the browser lands on that patient's course with no second sign-in. Each refusal is an error page
     * and an audit record: an unregistered issuer, an id_token signed by another key or expired, a state that is not
     * this browser's or is used twice, and a patient with no referral of hospital-a (also when another organization
     * has one for the same identifier).
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class LaunchedFromTheEhr {

        private static final String EHR_NAME = "hospital-a-ehr";
        private static final String LAUNCHED_USER = "user:" + EHR_NAME + "/" + TestEhr.USER;

        private TestEhr ehr;
        private Referrals.Sent sameMrnAsHostile;

        @BeforeAll
        void startTheEhrAndRegisterIt() throws Exception {
            ehr = new TestEhr(web + "/launch/jwks");
            ehr.patient("ehr-jordan", mrn(COURSE_MRN), new Identifier().setSystem("urn:ehr:other-system").setValue("x-1"));
            ehr.patient("ehr-twice-referred", mrn(HOSTILE_MRN));
            ehr.patient("ehr-other-organizations", mrn(OTHER_MRN));
            ehr.patient("ehr-not-referred", mrn("MRN-" + Referrals.unique()));
            sameMrnAsHostile = referral(hospitalA, program, HOSTILE_MRN, "Casey", "Twice");
            // the operator registers the EHR with the command, through the running server's admin API
            int exit = new CommandLine(new Main()).execute("ehrs", "add", EHR_NAME, "--iss", ehr.issuer(), "--organization",
                    "Organization/hospital-a", "--client-id", TestEhr.CLIENT_ID, "--jwks-url", ehr.jwksUrl(),
                    "--server", server.baseUrl(), "--key", server.config().dataDir().resolve(AdminBootstrap.KEY_FILE).toString());
            assertEquals(0, exit);
        }

        @AfterAll
        void stopTheEhr() {
            if (ehr != null) {
                ehr.close();
            }
        }

        private static Identifier mrn(String value) {
            return new Identifier().setSystem(Referrals.PATIENT_SYSTEM).setValue(value);
        }

        private String launchUrl(String issuer, String launch) {
            return web + "/launch?iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8) + "&launch=" + launch;
        }

        @Test
        @Order(1)
        void theEhrOpensThePatientsCourseWithNoSecondSignIn() throws Exception {
            browser.manage().deleteAllCookies();
            browser.get(launchUrl(ehr.issuer(), ehr.launch("ehr-jordan", TestEhr.Fault.NONE)));

            assertTrue(browser.getCurrentUrl().endsWith("/referrals/" + id(course)), browser.getCurrentUrl() + " (the EHR's last refusal: "
                    + ehr.lastRefusal() + ")\n" + browser.findElement(By.tagName("main")).getText());
            assertEquals("Jordan Rivera", browser.findElement(By.id("patient-name")).getText());
            assertTrue(browser.findElement(By.cssSelector("header .user")).getText()
                    .contains(EHR_NAME + "/" + TestEhr.USER + " (referrer, Organization/hospital-a)"));
            Browser.screenshot(browser, "launched", 900);
            assertTrue(audited("ehr-launch-callback", LAUNCHED_USER).contains("Patient/" + course.request().getSubject().getReferenceElement().getIdPart()));
        }

        @Test
        @Order(2)
        void aPatientWithTwoReferralsOpensTheirList() {
            browser.get(launchUrl(ehr.issuer(), ehr.launch("ehr-twice-referred", TestEhr.Fault.NONE)));

            assertTrue(browser.getCurrentUrl().contains("/referrals?patient="), browser.getCurrentUrl());
            assertEquals(1, browser.findElements(By.id("patient-filter")).size());
            List<String> listed = browser.findElements(By.cssSelector("#referrals tbody tr")).stream().map(r -> r.getAttribute("data-referral")).toList();
            assertEquals(Set.of(id(hostile), id(sameMrnAsHostile)), Set.copyOf(listed));
        }

        @Test
        @Order(3)
        void anUnregisteredIssuerIsRefused() throws Exception {
            HttpResponse<String> answer = new LaunchingBrowser().get(launchUrl("https://ehr.unknown.example/fhir", "any"));
            assertEquals(403, answer.statusCode());
            assertTrue(answer.body().contains("does not know the EHR"), answer.body());
            assertTrue(auditedRefusals().contains("ehr-launch Unknown EHR issuer"), auditedRefusals().toString());
        }

        @Test
        @Order(4)
        void anIdTokenSignedByAnotherKeyOrExpiredIsRefused() throws Exception {
            for (TestEhr.Fault fault : List.of(TestEhr.Fault.SIGNED_BY_ANOTHER_KEY, TestEhr.Fault.EXPIRED)) {
                LaunchingBrowser launching = new LaunchingBrowser();
                HttpResponse<String> answer = launching.launch(launchUrl(ehr.issuer(), ehr.launch("ehr-jordan", fault)));
                assertEquals(403, answer.statusCode(), fault + ": " + answer.body());
                assertTrue(answer.body().contains("identity token was refused"), answer.body());
                assertFalse(launching.hasSession(), fault + " opened a session");
            }
            List<String> refusals = auditedRefusals();
            assertTrue(refusals.stream().anyMatch(r -> r.startsWith("ehr-launch-callback id_token refused: Signed JWT rejected")), refusals.toString());
            assertTrue(refusals.stream().anyMatch(r -> r.startsWith("ehr-launch-callback id_token refused: Expired JWT")), refusals.toString());
        }

        @Test
        @Order(5)
        void aStateThatIsNotThisBrowsersOrIsUsedTwiceIsRefused() throws Exception {
            LaunchingBrowser victim = new LaunchingBrowser();
            String callback = victim.authorize(launchUrl(ehr.issuer(), ehr.launch("ehr-jordan", TestEhr.Fault.NONE)));
            HttpResponse<String> elsewhere = new LaunchingBrowser().get(callback); // another browser, without the launch's cookie
            assertEquals(400, elsewhere.statusCode());
            assertTrue(elsewhere.body().contains("did not start in this browser"), elsewhere.body());

            LaunchingBrowser launching = new LaunchingBrowser();
            String used = launching.authorize(launchUrl(ehr.issuer(), ehr.launch("ehr-jordan", TestEhr.Fault.NONE)));
            assertEquals(303, launching.get(used).statusCode());
            launching.keepLaunchCookie(used);
            assertEquals(400, launching.get(used).statusCode(), "the same state a second time");
            List<String> refusals = auditedRefusals();
            assertTrue(refusals.contains("ehr-launch-callback State does not match this browser's launch")
                    && refusals.contains("ehr-launch-callback State unknown, used or expired"), refusals.toString());
        }

        @Test
        @Order(6)
        void aPatientWithNoReferralOfTheOrganizationIsRefusedEvenIfAnotherOrganizationHasOne() throws Exception {
            for (String patient : List.of("ehr-not-referred", "ehr-other-organizations")) {
                LaunchingBrowser launching = new LaunchingBrowser();
                HttpResponse<String> answer = launching.launch(launchUrl(ehr.issuer(), ehr.launch(patient, TestEhr.Fault.NONE)));
                assertEquals(404, answer.statusCode(), patient);
                assertTrue(answer.body().contains("has no referral of Organization/hospital-a for this patient"), answer.body());
                assertFalse(answer.body().contains("Otherorg") || answer.body().contains("hospital-b"), answer.body());
                assertFalse(launching.hasSession());
            }
            assertTrue(auditedRefusals().contains("ehr-launch-callback No referral of the organization for the launched patient"));
        }

        @Test
        @Order(7)
        void disablingTheEhrEndsTheSessionsItOpened() throws Exception {
            LaunchingBrowser launching = new LaunchingBrowser();
            assertEquals(303, launching.launch(launchUrl(ehr.issuer(), ehr.launch("ehr-jordan", TestEhr.Fault.NONE))).statusCode());
            assertEquals(200, launching.get(web + "/referrals/" + id(course)).statusCode());
            assertEquals(200, server.send("POST", "/auth/ehrs/" + EHR_NAME + "/disable", null, null).statusCode());
            try {
                assertEquals(302, launching.get(web + "/referrals/" + id(course)).statusCode(), "sent to sign in");
                assertEquals(403, new LaunchingBrowser().get(launchUrl(ehr.issuer(), "any")).statusCode(), "a disabled EHR launches no one");
            } finally {
                assertEquals(200, server.send("POST", "/auth/ehrs/" + EHR_NAME + "/enable", null, null).statusCode());
            }
        }

        @Test
        @Order(8)
        void theAdminApiRefusesADuplicateABadRegistrationAndTheProgramsOrganization() {
            HttpResponse<String> duplicate = server.send("POST", "/auth/ehrs", "application/json", "{\"name\":\"another\",\"iss\":\""
                    + ehr.issuer() + "/\",\"organization\":\"Organization/hospital-a\",\"client_id\":\"x\",\"jwks_uri\":\"" + ehr.jwksUrl() + "\"}");
            assertEquals(409, duplicate.statusCode(), duplicate.body());
            HttpResponse<String> bad = server.send("POST", "/auth/ehrs", "application/json",
                    "{\"name\":\"bad\",\"iss\":\"ftp://ehr\",\"organization\":\"Organization/hospital-a\",\"client_id\":\"x\",\"jwks_uri\":\"https://k\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("issuer must be an http(s) URL"), bad.body());
            HttpResponse<String> program = server.send("POST", "/auth/ehrs", "application/json", "{\"name\":\"program-ehr\",\"iss\":"
                    + "\"https://ehr.program.example/fhir\",\"organization\":\"" + server.config().programOrg()
                    + "\",\"client_id\":\"x\",\"jwks_uri\":\"https://ehr.program.example/jwks\"}");
            assertEquals(400, program.statusCode(), "a launched referrer of the program's organization would see every referral");
        }

        /** The audit entities of the launch callbacks that named this user. */
        private List<String> audited(String subtype, String user) throws Exception {
            try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement("SELECT a.res_type, a.res_id FROM audit_event e"
                    + " JOIN audit_entity a ON a.audit_id = e.id WHERE e.subtype = ? AND e.client_id = ? AND e.organization = ?")) {
                ps.setString(1, subtype);
                ps.setString(2, user);
                ps.setString(3, "Organization/hospital-a");
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + "/" + rs.getString(2));
                    }
                }
                return rows;
            }
        }

        /** "subtype outcome text" of every refused launch step. */
        private List<String> auditedRefusals() throws Exception {
            try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(
                    "SELECT subtype, outcome_text FROM audit_event WHERE subtype LIKE 'ehr-launch%' AND outcome <> '0'");
                 ResultSet rs = ps.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2));
                }
                return rows;
            }
        }
    }

    /**
     * A browser as far as a launch needs one, over plain HTTP: it keeps cookies per host and follows redirects one
     * at a time, so a test can stop at the callback, send it from elsewhere, or send it twice.
     */
    private static final class LaunchingBrowser {

        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Opens the launch URL and lets the EHR authorize: the callback URL the EHR sends the browser to. */
        String authorize(String launchUrl) throws Exception {
            HttpResponse<String> toEhr = get(launchUrl);
            assertEquals(302, toEhr.statusCode(), toEhr.body());
            HttpResponse<String> back = get(toEhr.headers().firstValue("Location").orElseThrow());
            assertEquals(302, back.statusCode(), back.body());
            return back.headers().firstValue("Location").orElseThrow();
        }

        /** The whole launch: PeerBridge's answer at the callback. */
        HttpResponse<String> launch(String launchUrl) throws Exception {
            return get(authorize(launchUrl));
        }

        boolean hasSession() {
            return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals(WebPaths.SESSION_COOKIE) && !c.getValue().isEmpty());
        }

        /** Sends the launch's state cookie again, as a browser replaying a used callback would (the server has cleared it). */
        void keepLaunchCookie(String callback) {
            String state = callback.replaceFirst(".*[?&]state=([^&]*).*", "$1");
            java.net.HttpCookie cookie = new java.net.HttpCookie("peerbridge_launch", state);
            cookie.setPath("/");
            cookies.getCookieStore().add(URI.create(callback), cookie);
        }
    }
}
