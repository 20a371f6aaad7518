package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.run.BuiltinLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * report.html of http-basics and tcp-bulk opened from disk in every browser of {@link ReportBrowser#NAMES}
 * (headless chromium and Firefox): the labs run once, each browser starts once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPageTest {
    @TempDir static Path dir;
    private final Map<String, ReportBrowser> browsers = new LinkedHashMap<>();
    private ReportRun httpBasics, tcpBulk;
    private ReportBrowser browser;

    @BeforeAll void runLabs() throws Exception {
        httpBasics = ReportRun.of("http-basics", dir.resolve("http-basics"));
        tcpBulk = ReportRun.of("tcp-bulk", dir.resolve("tcp-bulk"));
    }

    @AfterAll void stopBrowsers() { browsers.values().forEach(ReportBrowser::close); }

    static List<String> browsers() { return ReportBrowser.NAMES; }

    static List<Arguments> browsersAndLabs() {
        List<Arguments> out = new ArrayList<>();
        for (String b : ReportBrowser.NAMES) for (String lab : List.of("http-basics", "tcp-bulk")) out.add(Arguments.of(b, lab));
        return out;
    }

    /** The named browser, started on first use (a missing one skips the test, or fails it under WIRELAB_REQUIRE_TOOLS=1). */
    private void use(String name) {
        browser = browsers.computeIfAbsent(name, n -> ReportBrowser.start(n, 1400, 900));
        browser.errors();
    }

    private ReportRun timeWait;

    private ReportRun run(String lab) {
        return switch (lab) {
            case "http-basics" -> httpBasics;
            case "tcp-bulk" -> tcpBulk;
            default -> timeWait;
        };
    }

    private void open(String lab, String view) {
        browser.open(run(lab).page());
        browser.click("#tab-" + view);
        browser.await("document.getElementById('view-" + view + "').dataset.drawn");
    }

    @ParameterizedTest @MethodSource("browsersAndLabs")
    void everyViewDrawsWithoutConsoleErrors(String name, String lab) {
        use(name);
        browser.open(run(lab).page());
        @SuppressWarnings("unchecked") List<String> tabs = (List<String>) browser.js("return [...document.querySelectorAll('#tabs button')].map(b => b.id);");
        assertThat(tabs).contains("tab-topology", "tab-ladder", "tab-waterfall", "tab-tcp", "tab-summary");
        for (String tab : tabs) {
            browser.click("#" + tab);
            String view = "view-" + tab.substring(4);
            browser.await("document.getElementById('" + view + "').dataset.drawn");
            assertThat(browser.js("const v = document.getElementById(arguments[0]); return !v.hidden && v.getBoundingClientRect().height > 0 && v.childElementCount > 0;", view))
                    .as(view + " shown and drawn").isEqualTo(true);
        }
        assertThat(browser.errors()).as("console errors of " + lab + " in " + name).isEmpty();
    }

    @ParameterizedTest @MethodSource("browsersAndLabs")
    void topologyShowsEveryDeviceAndLink(String name, String lab) throws Exception {
        use(name);
        open(lab, "topology");
        for (NodeSpec n : BuiltinLabs.builtin(lab).nodes()) {
            String device = "#topology g.device[data-name='" + n.name() + "']";
            assertThat(browser.count(device)).as(n.name()).isEqualTo(1);
            assertThat((String) browser.js("return document.querySelector(arguments[0]).textContent;", device)).as(n.name()).contains(n.name());
            assertThat(browser.rect(device, 0).get("width").doubleValue()).isPositive();
        }
        int links = (int) browser.count("#topology g.link");
        assertThat(links).isEqualTo(BuiltinLabs.builtin(lab).links().size());
        // no two devices drawn on top of each other
        int devices = (int) browser.count("#topology g.device");
        for (int i = 0; i < devices; i++)
            for (int j = i + 1; j < devices; j++) {
                Map<String, Number> a = browser.rect("#topology g.device", i), b = browser.rect("#topology g.device", j);
                boolean overlap = x(a) < x(b) + w(b) && x(b) < x(a) + w(a) && y(a) < y(b) + h(b) && y(b) < y(a) + h(a);
                assertThat(overlap).as(browser.attribute("#topology g.device", i, "data-name") + " and " + browser.attribute("#topology g.device", j, "data-name")).isFalse();
            }
        browser.click("#topology g.link text");
        assertThat(browser.text("#link-info")).contains(".pcapng");
        assertThat(browser.errors()).isEmpty();
    }

    private static double x(Map<String, Number> r) { return r.get("x").doubleValue(); }
    private static double y(Map<String, Number> r) { return r.get("y").doubleValue(); }
    private static double w(Map<String, Number> r) { return r.get("width").doubleValue(); }
    private static double h(Map<String, Number> r) { return r.get("height").doubleValue(); }

    @ParameterizedTest @MethodSource("browsersAndLabs")
    void summaryShowsSeedStatusAndOutput(String name, String lab) throws Exception {
        use(name);
        open(lab, "summary");
        String text = browser.text("#view-summary");
        assertThat(text).contains("Seed\t" + BuiltinLabs.builtin(lab).seed()).contains(BuiltinLabs.builtin(lab).description());
        assertThat(browser.text("#script-status")).startsWith("passed");
        String firstLine = run(lab).output().lines().findFirst().orElseThrow();
        assertThat(browser.text("#script-output")).contains(firstLine);
        assertThat(Files.size(run(lab).page())).isPositive();
    }

    /** The ladder of the first HTTPS fetch: the handshake, TLS and the decrypted request, in this order, top to bottom. */
    @ParameterizedTest @MethodSource("browsers")
    void ladderOfTheFirstHttpsFetchShowsHandshakeTlsAndDecryptedRequestInOrder(String name) {
        use(name);
        open("http-basics", "ladder");
        selectFirstHttpsConversation();
        @SuppressWarnings("unchecked") List<Map<String, Object>> arrows = (List<Map<String, Object>>) browser.js(
                "return [...document.querySelectorAll('#ladder g.arrow')].map(a => ({label: a.dataset.label, top: a.getBBox().y,"
                        + " decrypted: a.classList.contains('decrypted'), locks: a.querySelectorAll('path.lock').length}));");
        List<String> labels = arrows.stream().map(a -> (String) a.get("label")).toList();
        for (int i = 1; i < arrows.size(); i++)
            assertThat(((Number) arrows.get(i).get("top")).doubleValue()).as("arrows top to bottom").isGreaterThanOrEqualTo(((Number) arrows.get(i - 1).get("top")).doubleValue());
        int syn = labels.indexOf("SYN"), synAck = labels.indexOf("SYN/ACK"), ack = labels.subList(synAck + 1, labels.size()).indexOf("ACK") + synAck + 1;
        int hello = indexContaining(labels, "ClientHello"), serverHello = indexContaining(labels, "ServerHello"), get = labels.indexOf("GET /");
        assertThat(List.of(syn, synAck, ack, hello, serverHello, get)).as(labels.toString()).doesNotContain(-1).isSorted();
        assertThat(syn).isLessThan(synAck);
        assertThat(arrows.get(get).get("decrypted")).as("the request was decrypted from TLS").isEqualTo(true);
        assertThat(((Number) arrows.get(get).get("locks")).intValue()).isEqualTo(1);
        assertThat(browser.errors()).isEmpty();
    }

    /** time-wait's hosts have an MSL of 5 s: the client holds each connection it closed first for 2 MSL, 10 s, not Linux's 60 s. */
    @ParameterizedTest @MethodSource("browsers")
    void timeWaitBarsLastTheClosingHostsTwoMsl(String name) throws Exception {
        if (timeWait == null) timeWait = ReportRun.of("time-wait", dir.resolve("time-wait"));
        use(name);
        open("time-wait", "ladder");
        String first = (String) browser.js("return [...document.querySelectorAll('#ladder-conversation option')].find(o => o.text.includes(':80')).value;");
        browser.select("#ladder-conversation", first);
        @SuppressWarnings("unchecked") List<String> bars = (List<String>) browser.js(
                "return [...document.querySelectorAll('#ladder g.time-wait text')].map(t => t.textContent);");
        assertThat(bars).containsExactly("TIME-WAIT 10 s");
        assertThat(browser.errors()).isEmpty();
    }

    /** Clicking the ClientHello arrow shows it decoded layer by layer, with its frame number in pc1-eth0.pcapng (found here by reading the file). */
    @ParameterizedTest @MethodSource("browsers")
    void clickingAnArrowShowsTheDecodedFrameWithItsFrameNumber(String name) throws Exception {
        use(name);
        int frame = firstFrame(httpBasics.page().resolveSibling("pc1-eth0.pcapng"), ReportPageTest::isClientHello);
        open("http-basics", "ladder");
        selectFirstHttpsConversation();
        browser.click("#ladder g.arrow[data-label='ClientHello'] text.label");
        browser.await("document.querySelector('#inspector-layers[data-packet]')");
        assertThat(browser.text("#inspector-frames")).contains("pc1-eth0.pcapng frame " + frame + ",").contains("web1-eth0.pcapng frame ");
        String layers = browser.text("#inspector-layers");
        assertThat(layers).contains("Ethernet II", "Internet Protocol Version 4, Src: 10.0.0.100, Dst: 10.0.0.80", "Transmission Control Protocol", "Dst Port: 443", "ClientHello");
        assertThat(browser.errors()).isEmpty();
    }

    @ParameterizedTest @MethodSource("browsers")
    void tcpBulkLadderFindsTheSynFrame(String name) throws Exception {
        use(name);
        int frame = firstFrame(tcpBulk.page().resolveSibling("pc1-eth0.pcapng"), b -> isTcp(b) && (b[14 + 20 + 13] & 0x12) == 0x02);
        open("tcp-bulk", "ladder");
        browser.click("#ladder g.arrow[data-label='SYN'] text.label");
        browser.await("document.querySelector('#inspector-layers[data-packet]')");
        assertThat(browser.text("#inspector-frames")).contains("pc1-eth0.pcapng frame " + frame + ",");
        assertThat(browser.text("#inspector-layers")).contains("[SYN]");
        assertThat(browser.errors()).isEmpty();
    }

    /** tcp-bulk's 22,000 frames: the DOM holds only the ladder arrows in view, at the top and after scrolling to the middle; the plots one column per pixel. */
    @ParameterizedTest @MethodSource("browsers")
    void ladderAndPlotsDrawOnlyWhatIsInView(String name) {
        use(name);
        open("tcp-bulk", "ladder");
        browser.select("#ladder-conversation", "-1");
        long packets = Long.parseLong(browser.text("#ladder-count").replaceAll("\\D", ""));
        assertThat(packets).isGreaterThan(10_000);
        assertThat(browser.count("#ladder g.arrow")).isBetween(10L, 200L);
        browser.js("const s = document.getElementById('ladder-scroll'); s.scrollTop = s.scrollHeight / 2;");
        String first = "Math.min(...[...document.querySelectorAll('#ladder g.arrow')].map(a => +a.dataset.packet))";
        browser.await(first + " > " + packets / 4);
        assertThat(browser.count("#ladder g.arrow")).as("arrows in the DOM after scrolling").isBetween(10L, 200L);
        assertThat(((Number) browser.js("return " + first + ";")).longValue()).isLessThan(packets * 3 / 4);

        open("tcp-bulk", "tcp");
        @SuppressWarnings("unchecked") List<Map<String, Object>> series = (List<Map<String, Object>>) browser.js(
                "return [...document.querySelectorAll('#tcp-charts svg.chart path.series')].map(p => ({name: p.dataset.series,"
                        + " steps: (p.getAttribute('d').match(/[MLH]/g) || []).length, width: +p.ownerSVGElement.getAttribute('width')}));");
        assertThat(series).extracting(x -> x.get("name")).contains("segments", "ACK", "cwnd", "in flight");
        for (Map<String, Object> x : series)
            assertThat(((Number) x.get("steps")).intValue()).as(x.get("name") + ": one step per pixel column at most").isLessThanOrEqualTo(((Number) x.get("width")).intValue() + 1);
        assertThat(browser.errors()).isEmpty();
    }

    /** One row per object; connect, TLS and wait bars as wide as the HTTP results' timings on the group's axis, within 1 px. */
    @ParameterizedTest @MethodSource("browsers")
    void waterfallBarsMatchTheHttpTimings(String name) {
        use(name);
        open("http-basics", "waterfall");
        List<ReportRecorder.HttpRecord> http = httpBasics.http();
        int objects = 0;
        for (int g = 0; g < http.size(); g++) {
            ReportRecorder.HttpRecord r = http.get(g);
            List<io.wirelab.scripting.HttpResult> results = r.page() != null ? r.page().getRequests() : List.of(r.fetch());
            long groupNanos = r.page() != null ? r.page().getTotal().getNanos() : r.fetch().getTotal().getNanos();
            String chart = "svg.waterfall[data-group='" + g + "']";
            double pxPerNs = Double.parseDouble(browser.attribute(chart, 0, "data-bar-width")) / groupNanos;
            assertThat(browser.count(chart + " g.wf-row")).isEqualTo(results.size());
            for (io.wirelab.scripting.HttpResult x : results) {
                objects++;
                String row = chart + " g.wf-row[data-url='" + x.getUrl() + "'][data-connection='" + x.getConnection() + "']";
                assertThat(browser.count(row)).as(row).isEqualTo(1);
                assertBar(row, "connect", x.getConnect().getNanos() * pxPerNs);
                assertBar(row, "tls", x.getTls().getNanos() * pxPerNs);
                assertBar(row, "wait", x.getWait().getNanos() * pxPerNs);
                assertBar(row, "total", x.getTotal().getNanos() * pxPerNs);
            }
        }
        assertThat(browser.count("g.wf-row")).isEqualTo(objects).isEqualTo(4 + 5 + 5);
        assertThat(browser.errors()).isEmpty();
    }

    private void assertBar(String row, String phase, double expectedPx) {
        String bar = row + " rect.bar." + phase;
        long bars = browser.count(bar);
        if (expectedPx == 0) {
            assertThat(bars).as(bar).isZero();
            return;
        }
        assertThat(bars).as(bar).isEqualTo(1);
        double width = ((Number) browser.js("return document.querySelector(arguments[0]).getBBox().width;", bar)).doubleValue();
        assertThat(width).as(bar).isCloseTo(expectedPx, org.assertj.core.data.Offset.offset(1.0));
    }

    private void selectFirstHttpsConversation() {
        String https = (String) browser.js("return [...document.querySelectorAll('#ladder-conversation option')].find(o => o.text.includes(':443')).value;");
        browser.select("#ladder-conversation", https);
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
