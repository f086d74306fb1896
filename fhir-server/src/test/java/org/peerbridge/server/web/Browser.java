package org.peerbridge.server.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, both named explicitly so Selenium Manager
 * never looks for (or downloads) anything. Without them the browser tests are skipped locally; with
 * CI=true they fail instead.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");
            }
            Assumptions.abort("No Chromium at " + CHROMIUM + " with " + CHROMEDRIVER + ": browser tests skipped");
        }
        Path profile = Files.createTempDirectory("peerbridge-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL); // the console: script errors and Content-Security-Policy refusals
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1024, 1366)); // a tablet held upright
        return driver;
    }

    /** Saves a screenshot to the folder named by -Dpeerbridge.screenshots (default target/screenshots). */
    static void screenshot(ChromeDriver driver, String name, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(1024, height));
        Path folder = Path.of(System.getProperty("peerbridge.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(new Dimension(1024, 1366));
    }

    /** Clicks what leads to another page and waits until that page has replaced this one. */
    static void clickToNextPage(ChromeDriver browser, By what) {
        WebElement element = browser.findElement(what);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> replaced(element));
    }

    /**
     * Whether the element's page is gone: Chromium says so with a stale element, or, when the new page arrives while
     * it looks, with a node that "does not belong to the document".
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }
}
