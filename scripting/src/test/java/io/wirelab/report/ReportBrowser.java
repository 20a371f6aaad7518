package io.wirelab.report;

import io.wirelab.testing.Tools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through its chromedriver (packages chromium and chromium-driver),
 * one browser per test class. Skips the test when either is missing, fails instead under
 * WIRELAB_REQUIRE_TOOLS=1. Selenium Manager is not used: nothing is downloaded.
 */
final class ReportBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("WIRELAB_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("WIRELAB_CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;

    private ReportBrowser(ChromeDriver driver) { this.driver = driver; }

    /** A browser with a window of width x height CSS pixels; skips (or fails under CI) without chromium. */
    static ReportBrowser start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM))
            Tools.unavailable(CHROMIUM + " is missing (install it: apt-get install chromium)");
        if (!Files.isExecutable(CHROMEDRIVER))
            Tools.unavailable(CHROMEDRIVER + " is missing (install it: apt-get install chromium-driver)");
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=" + width + "," + height, "--hide-scrollbars", "--force-device-scale-factor=1")
                .setBinary(CHROMIUM.toFile());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        return new ReportBrowser(new ChromeDriver(service, options));
    }

    /** Opens the file from disk (file://) and waits until the page says it has drawn. */
    void open(Path html) {
        driver.get(html.toUri().toString());
        await().until(d -> "true".equals(js("return document.body.dataset.ready || ''")));
    }

    WebDriverWait await() { return new WebDriverWait(driver, Duration.ofSeconds(30)); }

    Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /** The browser's console messages at SEVERE level (errors, uncaught exceptions) since the last call. */
    List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    WebDriver driver() { return driver; }

    @Override public void close() { driver.quit(); }
}
