package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.run.BuiltinLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** report.html of http-basics and tcp-bulk opened from disk in headless chromium: one browser for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPageTest {
    @TempDir static Path dir;
    private ReportBrowser browser;
    private ReportRun httpBasics, tcpBulk;

    @BeforeAll void runLabsAndStartBrowser() throws Exception {
        browser = ReportBrowser.start(1400, 900);
        httpBasics = ReportRun.of("http-basics", dir.resolve("http-basics"));
        tcpBulk = ReportRun.of("tcp-bulk", dir.resolve("tcp-bulk"));
    }

    @AfterAll void stopBrowser() { if (browser != null) browser.close(); }

    private ReportRun run(String lab) { return lab.equals("http-basics") ? httpBasics : tcpBulk; }

    private void open(String lab, String view) {
        browser.open(run(lab).page());
        browser.driver().findElement(By.id("tab-" + view)).click();
    }

    @ParameterizedTest @ValueSource(strings = {"http-basics", "tcp-bulk"})
    void everyViewDrawsWithoutConsoleErrors(String lab) {
        browser.open(run(lab).page());
        List<WebElement> tabs = browser.driver().findElements(By.cssSelector("#tabs button"));
        assertThat(tabs).extracting(WebElement::getText).contains("Topology", "Summary");
        for (WebElement tab : tabs) {
            tab.click();
            assertThat(browser.driver().findElement(By.id("view-" + tab.getAttribute("id").substring(4))).isDisplayed()).isTrue();
        }
        assertThat(browser.errors()).as("console errors of " + lab).isEmpty();
    }

    @ParameterizedTest @ValueSource(strings = {"http-basics", "tcp-bulk"})
    void topologyShowsEveryDeviceAndLink(String lab) throws Exception {
        open(lab, "topology");
        for (NodeSpec n : BuiltinLabs.builtin(lab).nodes()) {
            WebElement device = browser.driver().findElement(By.cssSelector("#topology g.device[data-name='" + n.name() + "']"));
            assertThat(device.getText()).as(n.name()).contains(n.name());
            assertThat(device.getRect().getWidth()).isPositive();
        }
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#topology g.link"));
        assertThat(links).hasSize(BuiltinLabs.builtin(lab).links().size());
        // no two devices drawn on top of each other
        List<WebElement> devices = browser.driver().findElements(By.cssSelector("#topology g.device"));
        for (int i = 0; i < devices.size(); i++)
            for (int j = i + 1; j < devices.size(); j++) {
                var a = devices.get(i).getRect();
                var b = devices.get(j).getRect();
                boolean overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
                assertThat(overlap).as(devices.get(i).getAttribute("data-name") + " and " + devices.get(j).getAttribute("data-name")).isFalse();
            }
        links.getFirst().click();
        assertThat(browser.driver().findElement(By.id("link-info")).getText()).contains(".pcapng");
    }

    @ParameterizedTest @ValueSource(strings = {"http-basics", "tcp-bulk"})
    void summaryShowsSeedStatusAndOutput(String lab) throws Exception {
        open(lab, "summary");
        String text = browser.driver().findElement(By.id("view-summary")).getText();
        assertThat(text).contains("Seed " + BuiltinLabs.builtin(lab).seed()).contains(BuiltinLabs.builtin(lab).description());
        assertThat(browser.driver().findElement(By.id("script-status")).getText()).startsWith("passed");
        String firstLine = run(lab).output().lines().findFirst().orElseThrow();
        assertThat(browser.driver().findElement(By.id("script-output")).getText()).contains(firstLine);
        assertThat(Files.size(run(lab).page())).isPositive();
    }

    /** The ladder of the first HTTPS fetch: the handshake, TLS and the decrypted request, in this order, top to bottom. */
    @org.junit.jupiter.api.Test void ladderOfTheFirstHttpsFetchShowsHandshakeTlsAndDecryptedRequestInOrder() {
        open("http-basics", "ladder");
        selectFirstHttpsConversation();
        List<WebElement> arrows = browser.driver().findElements(By.cssSelector("#ladder g.arrow"));
        List<String> labels = new java.util.ArrayList<>();
        List<Double> tops = new java.util.ArrayList<>();
        for (WebElement a : arrows) {
            labels.add(a.getAttribute("data-label"));
            tops.add(((Number) browser.js("return arguments[0].getBBox().y", a)).doubleValue());
        }
        for (int i = 1; i < tops.size(); i++) assertThat(tops.get(i)).as("arrows top to bottom").isGreaterThanOrEqualTo(tops.get(i - 1));
        int syn = labels.indexOf("SYN"), synAck = labels.indexOf("SYN/ACK"), ack = labels.subList(synAck + 1, labels.size()).indexOf("ACK") + synAck + 1;
        int hello = indexContaining(labels, "ClientHello"), serverHello = indexContaining(labels, "ServerHello"), get = labels.indexOf("GET /");
        assertThat(List.of(syn, synAck, ack, hello, serverHello, get)).as(labels.toString()).doesNotContain(-1).isSorted();
        assertThat(syn).isLessThan(synAck);
        assertThat(arrows.get(get).getAttribute("class")).as("the request was decrypted from TLS").contains("decrypted");
        assertThat(arrows.get(get).findElements(By.cssSelector("path.lock"))).hasSize(1);
        assertThat(browser.errors()).isEmpty();
    }

    /** Clicking the ClientHello arrow shows it decoded layer by layer, with its frame number in pc1-eth0.pcapng (found here by reading the file). */
    @org.junit.jupiter.api.Test void clickingAnArrowShowsTheDecodedFrameWithItsFrameNumber() throws Exception {
        int frame = firstFrame(httpBasics.page().resolveSibling("pc1-eth0.pcapng"), ReportPageTest::isClientHello);
        open("http-basics", "ladder");
        selectFirstHttpsConversation();
        WebElement hello = browser.driver().findElements(By.cssSelector("#ladder g.arrow")).stream()
                .filter(a -> "ClientHello".equals(a.getAttribute("data-label"))).findFirst().orElseThrow();
        hello.findElement(By.cssSelector("text.label")).click();
        browser.await().until(d -> !d.findElements(By.cssSelector("#inspector-layers[data-packet]")).isEmpty());
        assertThat(browser.driver().findElement(By.id("inspector-frames")).getText()).contains("pc1-eth0.pcapng frame " + frame + ",").contains("web1-eth0.pcapng frame ");
        String layers = browser.driver().findElement(By.id("inspector-layers")).getText();
        assertThat(layers).contains("Ethernet II", "Internet Protocol Version 4, Src: 10.0.0.100, Dst: 10.0.0.80", "Transmission Control Protocol", "Dst Port: 443", "ClientHello");
        assertThat(browser.errors()).isEmpty();
    }

    @org.junit.jupiter.api.Test void tcpBulkLadderFindsTheSynFrame() throws Exception {
        int frame = firstFrame(tcpBulk.page().resolveSibling("pc1-eth0.pcapng"), b -> isTcp(b) && (b[14 + 20 + 13] & 0x12) == 0x02);
        open("tcp-bulk", "ladder");
        WebElement syn = browser.driver().findElements(By.cssSelector("#ladder g.arrow")).stream()
                .filter(a -> "SYN".equals(a.getAttribute("data-label"))).findFirst().orElseThrow();
        syn.findElement(By.cssSelector("text.label")).click();
        browser.await().until(d -> !d.findElements(By.cssSelector("#inspector-layers[data-packet]")).isEmpty());
        assertThat(browser.driver().findElement(By.id("inspector-frames")).getText()).contains("pc1-eth0.pcapng frame " + frame + ",");
        assertThat(browser.driver().findElement(By.id("inspector-layers")).getText()).contains("[SYN]");
        assertThat(browser.errors()).isEmpty();
    }

    /** One row per object; connect, TLS and wait bars as wide as the HTTP results' timings on the group's axis, within 1 px. */
    @org.junit.jupiter.api.Test void waterfallBarsMatchTheHttpTimings() {
        open("http-basics", "waterfall");
        List<ReportRecorder.HttpRecord> http = httpBasics.http();
        int objects = 0;
        for (int g = 0; g < http.size(); g++) {
            ReportRecorder.HttpRecord r = http.get(g);
            List<io.wirelab.scripting.HttpResult> results = r.page() != null ? r.page().getRequests() : List.of(r.fetch());
            long groupNanos = r.page() != null ? r.page().getTotal().getNanos() : r.fetch().getTotal().getNanos();
            WebElement chart = browser.driver().findElement(By.cssSelector("svg.waterfall[data-group='" + g + "']"));
            double pxPerNs = Double.parseDouble(chart.getAttribute("data-bar-width")) / groupNanos;
            assertThat(chart.findElements(By.cssSelector("g.wf-row"))).hasSize(results.size());
            for (io.wirelab.scripting.HttpResult x : results) {
                objects++;
                WebElement row = chart.findElement(By.cssSelector("g.wf-row[data-url='" + x.getUrl() + "'][data-connection='" + x.getConnection() + "']"));
                assertBar(row, "connect", x.getConnect().getNanos() * pxPerNs);
                assertBar(row, "tls", x.getTls().getNanos() * pxPerNs);
                assertBar(row, "wait", x.getWait().getNanos() * pxPerNs);
                assertBar(row, "total", x.getTotal().getNanos() * pxPerNs);
            }
        }
        assertThat(browser.driver().findElements(By.cssSelector("g.wf-row"))).hasSize(objects).hasSize(4 + 5 + 5);
        assertThat(browser.errors()).isEmpty();
    }

    private void assertBar(WebElement row, String phase, double expectedPx) {
        List<WebElement> bars = row.findElements(By.cssSelector("rect.bar." + phase));
        if (expectedPx == 0) {
            assertThat(bars).as(phase + " of " + row.getAttribute("data-url")).isEmpty();
            return;
        }
        assertThat(bars).as(phase + " of " + row.getAttribute("data-url")).hasSize(1);
        double width = ((Number) browser.js("return arguments[0].getBBox().width", bars.getFirst())).doubleValue();
        assertThat(width).as(phase + " of " + row.getAttribute("data-url")).isCloseTo(expectedPx, org.assertj.core.data.Offset.offset(1.0));
    }

    private void selectFirstHttpsConversation() {
        org.openqa.selenium.support.ui.Select conversations = new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("ladder-conversation")));
        WebElement https = conversations.getOptions().stream().filter(o -> o.getText().contains(":443")).findFirst().orElseThrow();
        conversations.selectByValue(https.getAttribute("value"));
    }

    private static int indexContaining(List<String> labels, String part) {
        for (int i = 0; i < labels.size(); i++) if (labels.get(i).contains(part)) return i;
        return -1;
    }

    /** The 1-based number of the first frame of the capture that matches. */
    private static int firstFrame(Path capture, java.util.function.Predicate<byte[]> matches) throws Exception {
        int n = 0;
        for (io.wirelab.pcap.PcapRecord r : io.wirelab.pcap.PcapReader.read(capture).records()) {
            n++;
            if (matches.test(r.data())) return n;
        }
        throw new AssertionError("no such frame in " + capture);
    }

    private static boolean isTcp(byte[] b) { return b.length > 54 && b[12] == 0x08 && b[13] == 0 && b[14 + 9] == 6; }

    /** RFC 8446 §5.1 handshake record holding a ClientHello (type 1), in a TCP segment with a 20-byte IP header. */
    private static boolean isClientHello(byte[] b) {
        if (!isTcp(b)) return false;
        int payload = 14 + 20 + ((b[14 + 20 + 12] & 0xf0) >> 2);
        return b.length > payload + 5 && b[payload] == 22 && b[payload + 1] == 3 && b[payload + 5] == 1;
    }
}
