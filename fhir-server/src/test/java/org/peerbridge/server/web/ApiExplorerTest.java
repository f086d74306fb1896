package org.peerbridge.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peerbridge.server.support.RunningServer;
import org.peerbridge.server.support.TestDatabase;

/**
 * The API explorer at /api in a real browser (headless Chromium) against a real server: without signing in,
 * it shows every operation of /fhir/api-docs; after "Authorize" with a bearer token, "Try it out" runs a
 * search on the server; and every file and request of the page stays on the server's own origin, with no
 * script error or Content-Security-Policy refusal in the console. H2 only: nothing here depends on the database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiExplorerTest {

    private static final Duration RENDERING = Duration.ofSeconds(120); // Swagger UI renders 280 operations; slow on a busy machine

    private static RunningServer server;
    private static ChromeDriver browser;
    private static String web;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        server = RunningServer.start(TestDatabase.H2);
        web = server.baseUrl().replaceFirst("/fhir$", "");
        browser = Browser.start();
        browser.get(web + "/api");
        new WebDriverWait(browser, RENDERING).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
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

    @Test
    @Order(1)
    void itShowsEveryOperationOfTheDescriptionWithoutSigningIn() throws Exception {
        assertEquals(web + "/api/", browser.getCurrentUrl());
        JsonNode document = new ObjectMapper().readTree(server.sendWithoutToken("GET", "/api-docs", null, null).body());
        Set<String> described = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));
        // Swagger UI draws the operations near the window: scroll down, gathering each one drawn
        Set<String> shown = new TreeSet<>();
        new WebDriverWait(browser, RENDERING).until(d -> {
            @SuppressWarnings("unchecked")
            List<String> drawn = (List<String>) browser.executeScript("return [...document.querySelectorAll('.opblock-summary')].map(s =>"
                    + " s.querySelector('.opblock-summary-method').textContent + ' ' + s.querySelector('.opblock-summary-path').dataset.path);");
            shown.addAll(drawn);
            browser.executeScript("window.scrollBy(0, window.innerHeight / 2);");
            return shown.size() >= described.size();
        });
        assertEquals(described, shown);
        assertTrue(shown.containsAll(Set.of("GET /ServiceRequest/{id}/$progress-report", "GET /$program-outcomes",
                "GET /Patient/{id}/$everything", "POST /Task/$validate", "POST /", "POST /auth/token")), shown.toString());
        browser.executeScript("window.scrollTo(0, 0);");
        String title = browser.findElement(By.cssSelector(".info .title")).getText();
        assertTrue(title.startsWith("PeerBridge: peer support referrals over FHIR R4"), title);
        Browser.screenshot(browser, "api-explorer", 1000);
    }

    @Test
    @Order(2)
    void tryItOutSearchesWithThePastedToken() {
        WebDriverWait wait = new WebDriverWait(browser, RENDERING);
        click(wait, By.cssSelector(".auth-wrapper .authorize"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container input"))).sendKeys(server.accessToken());
        click(wait, By.cssSelector(".auth-btn-wrapper .authorize"));
        click(wait, By.cssSelector(".auth-btn-wrapper .btn-done"));
        String search = "//div[contains(@class, 'opblock-get')][.//*[contains(@class, 'opblock-summary-path') and @data-path = '/Task']]";
        By summary = By.xpath(search + "//*[contains(@class, 'opblock-summary-control')]");
        browser.executeScript("window.scrollTo(0, 0);");
        wait.until(d -> {
            browser.executeScript("window.scrollBy(0, window.innerHeight / 2);");
            return !d.findElements(summary).isEmpty();
        });
        click(wait, summary);
        click(wait, By.xpath(search + "//*[contains(@class, 'try-out__btn')]"));
        click(wait, By.xpath(search + "//*[contains(@class, 'execute')]"));
        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath(search + "//*[contains(@class, 'live-responses-table')]//tbody//*[contains(@class, 'response-col_status')]")));
        assertEquals("200", status.getText().trim());
        String curl = browser.findElement(By.xpath(search + "//*[contains(@class, 'curl-command')]")).getText();
        assertTrue(curl.contains("Authorization: Bearer"), curl);
    }

    private static void click(WebDriverWait wait, By element) {
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    @Test
    @Order(3)
    void nothingComesFromOrGoesToAnotherHost() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        assertTrue(loaded.size() > 4, loaded.toString()); // the page, its script, style sheet, start-up script and the description
        for (String url : loaded) {
            assertTrue(url.startsWith(web + "/"), url + " is not on " + web);
        }
        List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), console, "console warnings and errors (a Content-Security-Policy refusal shows here)");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web + "/api/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self';") && policy.contains("connect-src 'self';") && !policy.contains("unsafe"), policy);
    }

}
