package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.run.BuiltinLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lab page in docs/labs embeds a screenshot of its lab's report, and the README one of
 * http-basics. The screenshots are made by this test, in headless chromium, when asked:
 * {@code ./mvnw -q -o -pl scripting -am test -Dtest=ReportScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false -Dreport.screenshots=true}
 * (run from the repository root; it also prints tcp-bulk's report size and time to first paint).
 */
class ReportScreenshotsTest {
    static final Path REPO = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", "../"));
    static final Path IMAGES = REPO.resolve("docs/labs/img");
    /** The view that shows each lesson best; the ladder otherwise. */
    static final Map<String, String> VIEWS = Map.of("slow-start", "tcp", "page-load", "waterfall", "keep-alive", "waterfall",
            "packet-tracer-classic", "topology", "two-subnets", "topology", "tcp-bulk", "tcp");

    @TempDir Path dir;

    /** The labs with a page in docs/labs, and http-basics for the README. */
    static List<String> labs() throws Exception {
        List<String> out = new ArrayList<>();
        try (var pages = Files.list(REPO.resolve("docs/labs"))) {
            pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().forEach(n -> out.add(n.substring(0, n.length() - 3)));
        }
        out.add("http-basics");
        return out;
    }

    @Test void everyLabPageEmbedsItsReportScreenshot() throws Exception {
        if (Boolean.getBoolean("report.screenshots")) writeScreenshots();
        for (String lab : labs()) {
            assertThat(BuiltinLabs.names()).as("a built-in lab named " + lab).contains(lab);
            Path png = IMAGES.resolve(lab + "-report.png");
            assertThat(png).as("screenshot of " + lab + "'s report (see this class for the command that makes it)").isRegularFile();
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
            assertThat(head).as(png + " is a PNG").isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            Path page = lab.equals("http-basics") ? REPO.resolve("README.md") : REPO.resolve("docs/labs/" + lab + ".md");
            String ref = lab.equals("http-basics") ? "docs/labs/img/http-basics-report.png" : "img/" + lab + "-report.png";
            assertThat(Files.readString(page)).as(page + " embeds its report screenshot").contains("](" + ref + ")").contains("--report");
        }
    }

    private void writeScreenshots() throws Exception {
        Files.createDirectories(IMAGES);
        try (ReportBrowser browser = ReportBrowser.start("chromium", 1400, 860)) {
            for (String lab : labs()) {
                ReportRun run = ReportRun.of(lab, dir.resolve(lab));
                browser.open(run.page());
                String view = VIEWS.getOrDefault(lab, "ladder");
                browser.click("#tab-" + view);
                browser.await("document.getElementById('view-" + view + "').dataset.drawn");
                if (lab.equals("http-basics"))
                    browser.select("#ladder-conversation", (String) browser.js("return [...document.querySelectorAll('#ladder-conversation option')].find(o => o.text.includes(':443')).value;"));
                assertThat(browser.errors()).as(lab).isEmpty();
                Files.write(IMAGES.resolve(lab + "-report.png"), browser.screenshot());
            }
            ReportRun bulk = ReportRun.of("tcp-bulk", dir.resolve("tcp-bulk"));
            browser.open(bulk.page());
            Object paint = browser.js("return performance.getEntriesByType('paint').map(e => e.name + ' ' + e.startTime.toFixed(0) + ' ms').join(', ')");
            Object load = browser.js("const n = performance.getEntriesByType('navigation')[0]; return 'domContentLoaded ' + n.domContentLoadedEventEnd.toFixed(0) + ' ms, load ' + n.loadEventEnd.toFixed(0) + ' ms'");
            System.out.println("tcp-bulk report.html: " + Files.size(bulk.page()) + " bytes; " + paint + "; " + load);
        }
    }
}
