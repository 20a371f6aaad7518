package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The browsers the report's tests use do see a page's errors and do click where they are told: else those tests could not fail. */
class ReportBrowserTest {
    @TempDir Path dir;

    @ParameterizedTest @MethodSource("io.wirelab.report.ReportPageTest#browsers")
    void seesUncaughtErrorsAndConsoleErrorsAndClicksTheElementNamed(String name) throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page, """
                <!DOCTYPE html><html><body>
                <div style="height:2000px"></div>
                <button id="b" onclick="document.body.dataset.clicked = 'yes'; console.error('clicked at ' + event.clientY)">b</button>
                <script>document.body.dataset.ready = "true"; setTimeout(() => { throw new Error("thrown on purpose"); }, 0);</script>
                </body></html>""");
        try (ReportBrowser browser = ReportBrowser.start(name, 800, 600)) {
            browser.open(page);
            browser.await("true");
            browser.click("#b");
            assertThat(browser.js("return document.body.dataset.clicked;")).as("a click on the button below the fold").isEqualTo("yes");
            assertThat(browser.errors()).anyMatch(e -> e.contains("thrown on purpose")).anyMatch(e -> e.contains("clicked at"));
            assertThat(browser.errors()).as("errors() returns each error once").isEmpty();
        }
    }
}
