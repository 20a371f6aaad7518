package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.ScriptSpec;
import io.wirelab.labs.run.BuiltinLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcp-bulk with 50 MB instead of 10 (56,000 packets, 112,000 frames in its two captures): the report
 * opens, draws only the ladder arrows in view and plots one column per pixel. It takes minutes, so
 * it runs when asked, and prints the file size and the browser's timings:
 * {@code ./mvnw -q -o -pl scripting -am test -Dtest=ReportScaleTest -Dsurefire.failIfNoSpecifiedTests=false -Dreport.scale=true}
 */
class ReportScaleTest {
    @TempDir Path dir;

    static LabSpec bulk(int megabytes) throws Exception {
        LabSpec b = BuiltinLabs.builtin("tcp-bulk");
        String code = b.script().code().replace("10.MB", megabytes + ".MB").replace("10_000_000", megabytes + "_000_000");
        return new LabSpec(b.name(), b.description().replace("10 MB", megabytes + " MB"), b.seed(), b.nodes(), b.links(), b.captures(),
                new ScriptSpec(b.script().name(), code, b.script().firstLine(), b.script().inline()), b.source());
    }

    @Test void aReportOfMoreThan100000FramesOpensAndDrawsOnlyWhatIsInView() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("report.scale"), "runs with -Dreport.scale=true");
        Path out = System.getProperty("report.scale.dir") == null ? dir : Path.of(System.getProperty("report.scale.dir"));
        // -Dreport.scale.mb=10 measures tcp-bulk itself; -Dreport.scale.browsers=chromium,firefox both browsers
        for (String mb : System.getProperty("report.scale.mb", "50").split(",")) {
            ReportRun run = ReportRun.of(bulk(Integer.parseInt(mb)), out.resolve(mb + "MB"));
            for (String name : System.getProperty("report.scale.browsers", "chromium").split(",")) {
                try (ReportBrowser browser = ReportBrowser.start(name, 1400, 900)) {
                    browser.open(run.page());
                    String timings = timings(browser);
                    browser.click("#tab-ladder");
                    browser.select("#ladder-conversation", "-1");
                    long packets = Long.parseLong(browser.text("#ladder-count").replaceAll("\\D", ""));
                    assertThat(packets).isGreaterThan(1_000L * Integer.parseInt(mb));
                    assertThat(browser.count("#ladder g.arrow")).isBetween(10L, 200L);
                    browser.js("const s = document.getElementById('ladder-scroll'); s.scrollTop = s.scrollHeight * 0.9;");
                    browser.await("Math.min(...[...document.querySelectorAll('#ladder g.arrow')].map(a => +a.dataset.packet)) > " + packets * 8 / 10);
                    assertThat(browser.count("#ladder g.arrow")).isBetween(10L, 200L);
                    browser.click("#ladder g.arrow text.label", (int) browser.count("#ladder g.arrow text.label") / 2);
                    browser.await("document.querySelector('#inspector-layers[data-packet]')");
                    assertThat(browser.text("#inspector-layers")).contains("Transmission Control Protocol");
                    assertThat(browser.errors()).isEmpty();
                    System.out.println(name + ", tcp-bulk " + mb + " MB: " + packets + " packets; report.html " + Files.size(run.page()) + " bytes; " + timings);
                }
            }
        }
    }

    /** Paint and load times, each view's draw time, the JS heap: from the browser's performance timeline. */
    static String timings(ReportBrowser browser) {
        for (String view : new String[] {"ladder", "tcp"}) {
            browser.click("#tab-" + view);
            browser.await("document.getElementById('view-" + view + "').dataset.drawn");
            if (view.equals("ladder")) {
                // 20 scroll steps down the ladder, each timed until the frame after its redraw
                browser.js("""
                        (async () => {
                          const s = document.getElementById('ladder-scroll'), steps = [];
                          for (let k = 1; k <= 20; k++) {
                            const t = performance.now();
                            s.scrollTop = s.scrollHeight * k / 21;
                            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                            steps.push(performance.now() - t);
                          }
                          steps.sort((a, b) => a - b);
                          window.scrollSteps = 'ladder scroll step median ' + steps[10].toFixed(0) + ' ms, max ' + steps[19].toFixed(0) + ' ms';
                        })();""");
                browser.await("window.scrollSteps");
            }
        }
        return (String) browser.js("""
                const n = performance.getEntriesByType('navigation')[0];
                const paint = performance.getEntriesByType('paint').map(e => e.name + ' ' + e.startTime.toFixed(0) + ' ms');
                const draws = performance.getEntriesByType('measure').map(m => m.name + ' ' + m.duration.toFixed(0) + ' ms');
                const heap = performance.memory ? (performance.memory.usedJSHeapSize / 1e6).toFixed(0) + ' MB JS heap' : '';
                return [...paint, 'file read (responseEnd) ' + n.responseEnd.toFixed(0) + ' ms', 'domContentLoaded ' + n.domContentLoadedEventEnd.toFixed(0) + ' ms', 'load ' + n.loadEventEnd.toFixed(0) + ' ms', ...draws, window.scrollSteps, heap].join(', ');""");
    }
}
