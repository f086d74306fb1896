package org.peerbridge.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.peerbridge.mapping.population.ProgramOutcomesReport;
import org.peerbridge.server.support.Referrals;
import org.peerbridge.server.support.Responses;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.Sessions;
import org.peerbridge.server.support.TestDatabase;

/**
 * The program page in a real browser (headless Chromium) against a real server: a referring clinician is
 * refused it and is not offered it; the program's manager sees the funnel and each instrument's outcomes with
 * their intervals, every figure the same as {@code $program-outcomes} answers over the API, suppressed where
 * the API suppresses; the view is audited. H2 only: nothing here depends on the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgramPageTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static RunningServer server;
    private static ChromeDriver browser;
    private static String web;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = RunningServer.start(TestDatabase.H2);
        server.fhir().getRestfulClientFactory().setSocketTimeout(300_000);
        IGenericClient hospital = server.clientFor("ehr-program-page", "Organization/hospital-a", "system/*.cruds");
        IGenericClient program = server.client();
        Sessions.Supporter supporter = Sessions.peerSupporter(program, true);
        for (int i = 0; i < 13; i++) {
            Bundle bundle = Referrals.minimalBundle(Referrals.unique(), Referrals.unique());
            ((ServiceRequest) bundle.getEntry().get(2).getResource()).setAuthoredOnElement(new DateTimeType(daysAgo(110)));
            Referrals.Sent referral = accepted(program, Referrals.send(hospital, bundle));
            program.create().resource(Responses.answered(Responses.PHQ9, referral, daysAgo(100), 2, 2, 2, 2, 2, 2, 2, 2, 0)).execute();
            if (i < 4) { // four GAD-7 pairs: fewer than the minimum cell size, so suppressed
                program.create().resource(Responses.answered(Responses.GAD7, referral, daysAgo(100), 2, 2, 2, 2, 2, 1, 1)).execute();
                program.create().resource(Responses.answered(Responses.GAD7, referral, daysAgo(10), 1, 1, 1, 1, 1, 1, i % 2)).execute();
            }
            Encounter session = Sessions.attended(referral, supporter.role());
            session.setPeriod(Sessions.period(daysAgo(99), null));
            Sessions.record(program, session);
            program.create().resource(Responses.answered(Responses.PHQ9, referral, daysAgo(70), 2, 2, 1, 1, 1, 1, i % 3, 1, 0)).execute();
            program.create().resource(Responses.answered(Responses.PHQ9, referral, daysAgo(10), 1, 1, 1, 1, 1, 1, i % 3, i % 2, 0))
                    .execute();
        }
        addUser("dr-a", "referrer", "Organization/hospital-a");
        addUser("manager", "program", "Organization/peerbridge-program");
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

    /** A time this many days ago, as a dateTime. */
    private static String daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Referrals.Sent accepted(IGenericClient program, Referrals.Sent sent) {
        Task task = sent.task().copy();
        task.setStatus(Task.TaskStatus.ACCEPTED);
        return new Referrals.Sent(sent.request(), (Task) program.update().resource(task).execute().getResource());
    }

    private static void addUser(String username, String role, String organization) {
        HttpResponse<String> created = server.send("POST", "/auth/users", "application/json", "{\"username\":\"" + username
                + "\",\"role\":\"" + role + "\",\"organization\":\"" + organization + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
    }

    private static void signIn(String username) {
        browser.get(web + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        Browser.clickToNextPage(browser, By.cssSelector("form[action='/login'] button"));
    }

    @Test
    @Order(1)
    void aVisitorIsSentToSignInAndAReferringClinicianIsNeitherOfferedNorShownTheProgramPage() {
        browser.get(web + "/program");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "without a session: " + browser.getCurrentUrl());
        signIn("dr-a");
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/program']")).isEmpty(), "no link for a referrer");
        browser.get(web + "/program");
        assertEquals("Refused", browser.findElement(By.tagName("h1")).getText());
        assertFalse(browser.getPageSource().contains("funnel"));
        browser.get(web + "/referrals");
        Browser.clickToNextPage(browser, By.cssSelector("form[action='/logout'] button"));
    }

    @Test
    @Order(2)
    void theManagerSeesEveryFigureAsTheApiAnswersIt() throws Exception {
        signIn("manager");
        browser.findElement(By.cssSelector("nav a[href='/program']")).click();
        assertEquals("Program outcomes", browser.findElement(By.tagName("h1")).getText());
        Map<String, MeasureReportGroupComponent> api = server.client().operation().onServer().named("$program-outcomes")
                .withNoParameters(Parameters.class).returnResourceType(MeasureReport.class).useHttpGet().execute().getGroup().stream()
                .collect(Collectors.toMap(g -> g.getCode().getCodingFirstRep().getCode(), g -> g));

        List<WebElement> figures = browser.findElements(By.cssSelector("[data-figure]"));
        assertTrue(figures.size() > 40, "figures on the page: " + figures.size());
        for (WebElement figure : figures) {
            MeasureReportGroupComponent group = api.get(figure.getAttribute("data-figure"));
            assertEquals(value(group.getMeasureScore()), attribute(figure, "data-value"), figure.getAttribute("data-figure"));
            if (figure.getTagName().equals("td")) {
                assertEquals(interval(group, true), attribute(figure, "data-low"), figure.getAttribute("data-figure") + " low");
                assertEquals(interval(group, false), attribute(figure, "data-high"), figure.getAttribute("data-figure") + " high");
            }
        }
        for (WebElement step : browser.findElements(By.cssSelector("#funnel tbody tr"))) {
            MeasureReportGroupComponent group = api.get(step.getAttribute("data-figure"));
            var counted = group.getPopulation().get(group.getPopulation().size() - 1).getCountElement();
            assertEquals(counted.hasValue() ? counted.getValueAsString() : "", attribute(step, "data-count"), step.getAttribute("data-figure"));
        }
        assertEquals("13", browser.findElement(By.cssSelector("#funnel tr[data-figure='referred']")).getAttribute("data-count"));

        WebElement phq9 = browser.findElement(By.cssSelector("section[data-instrument='phq-9']"));
        assertEquals("13", phq9.findElement(By.cssSelector("tr[data-time-point='day-90']")).getAttribute("data-paired"));
        WebElement marker = phq9.findElement(By.cssSelector("g.marker[data-time-point='day-90']"));
        MeasureReportGroupComponent percent = api.get("phq-9.day-90.mean-percent-change");
        assertEquals(value(percent.getMeasureScore()), marker.getAttribute("data-value"));
        assertEquals(interval(percent, true), marker.getAttribute("data-low"));
        assertEquals(2, phq9.findElements(By.cssSelector("g.marker")).size(), "no 60-day scores, no point");

        WebElement gad7 = browser.findElement(By.cssSelector("section[data-instrument='gad-7'] tr[data-time-point='day-90']"));
        assertEquals("", attribute(gad7, "data-paired"), "four pairs are fewer than the minimum cell size");
        assertTrue(api.get("gad-7.day-90.mean-change").getPopulation().get(1).getCountElement()
                .hasExtension(ProgramOutcomesReport.DATA_ABSENT_REASON), "the API suppresses them too");
        assertTrue(gad7.getText().contains("suppressed"), gad7.getText());
        Browser.screenshot(browser, "program", 3000);
    }

    @Test
    @Order(3)
    void theViewsAreAuditedAndTheRefusalSaysWhy() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = server.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT client_id, outcome, outcome_text FROM audit_event WHERE subtype = 'page-program' ORDER BY recorded")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("user:dr-a 4 program-page")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("user:manager 0")), rows.toString());
    }

    /** An attribute's value; the page leaves out an attribute whose value would be empty. */
    private static String attribute(WebElement element, String name) {
        String value = element.getAttribute(name);
        return value == null ? "" : value;
    }

    private static String value(Quantity score) {
        return score == null || !score.hasValue() ? "" : score.getValue().toPlainString();
    }

    private static String interval(MeasureReportGroupComponent group, boolean low) {
        Quantity score = group.getMeasureScore();
        if (score == null || !score.hasExtension(ProgramOutcomesReport.CONFIDENCE_INTERVAL)) {
            return "";
        }
        Range range = (Range) score.getExtensionByUrl(ProgramOutcomesReport.CONFIDENCE_INTERVAL).getValue();
        return (low ? range.getLow() : range.getHigh()).getValue().toPlainString();
    }
}
