package io.wirelab.report;

import io.wirelab.testing.Tools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless chromium driven through its chromedriver (packages chromium and chromium-driver)
 * with Selenium WebDriver. Selenium Manager is not used: nothing is downloaded.
 */
final class ChromiumBrowser extends ReportBrowser {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("WIRELAB_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("WIRELAB_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;

    private ChromiumBrowser(ChromeDriver driver) { this.driver = driver; }

    static ChromiumBrowser start(int width, int height) {
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
        return new ChromiumBrowser(new ChromeDriver(service, options));
    }

    @Override String name() { return "chromium"; }

    @Override void navigate(String url) { driver.get(url); }

    @Override String evaluateToJson(String body, Object... args) { return (String) driver.executeScript(body, args); }

    @Override void click(String css, int index) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        if (found.size() <= index) throw new AssertionError("chromium: no element " + index + " matches " + css);
        found.get(index).click();
    }

    @Override List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Override byte[] screenshot() { return driver.getScreenshotAs(OutputType.BYTES); }

    @Override public void close() { driver.quit(); }
}
