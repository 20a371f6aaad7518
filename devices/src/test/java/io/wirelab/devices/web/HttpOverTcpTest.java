package io.wirelab.devices.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.web.client.Browser;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.devices.web.client.PageLoad;
import io.wirelab.sim.SimTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.testing.Tshark;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP over two NetworkStacks with the real TCP: the chapter-4 phenomena in virtual time. */
class HttpOverTcpTest {
    private static final String PAGE = "http://www.wirelab.test/index.html";

    private static PageLoad load(ConnectionPolicy policy) {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        Browser b = new Browser(lab.sim, lab.client(HttpClientConfig.defaults().withPolicy(policy), null));
        var p = b.load(PAGE);
        assertThat(lab.sim.runUntil(p, SimTime.seconds(60))).isTrue();
        return p.join();
    }

    @Test
    void pageWith10Objects_serialVsPersistentVsParallelVsPipelined() {
        Map<String, PageLoad> loads = new LinkedHashMap<>();
        loads.put("serial", load(ConnectionPolicy.serial()));
        loads.put("parallel", load(ConnectionPolicy.parallel(4)));
        loads.put("persistent", load(ConnectionPolicy.persistent()));
        loads.put("pipelined", load(ConnectionPolicy.pipelined(10)));
        loads.values().forEach(System.out::println);
        for (PageLoad l : loads.values()) assertThat(l.allOk()).as(l.toString()).isTrue();
        long serial = loads.get("serial").totalNanos();
        assertThat(loads.get("serial").connectionsOpened()).isEqualTo(11);
        assertThat(loads.get("persistent").connectionsOpened()).isEqualTo(2);
        assertThat(loads.get("pipelined").connectionsOpened()).isEqualTo(1);
        assertThat(loads.get("persistent").totalNanos()).isLessThan(serial);
        assertThat(loads.get("pipelined").totalNanos()).isLessThan(serial);
        assertThat(loads.get("parallel").totalNanos()).isLessThan(serial);
        assertThat(loads.get("pipelined").totalNanos()).isLessThan(loads.get("persistent").totalNanos());
        assertThat(serial).as("11 handshakes + 11 request RTTs at 20 ms RTT").isGreaterThan(SimTime.millis(11 * 40));
    }

    @Test
    void firstRequest_timingBreakdown_showsHandshakeAndRoundTrip() {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        HttpClient c = lab.client(HttpClientConfig.defaults(), null);
        var x = c.get(PAGE);
        lab.sim.runUntil(x, SimTime.seconds(5));
        var t = x.join().timing();
        assertThat(x.join().ok()).isTrue();
        assertThat(t.connectNanos()).as("SYN + SYN-ACK, plus ARP").isBetween(SimTime.millis(40), SimTime.millis(42));
        assertThat(t.waitNanos()).isBetween(SimTime.millis(20), SimTime.millis(22));
        assertThat(t.receiveNanos()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void http10KeepAlive_maxHonoured_overTcp() {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults().withMaxRequests(2));
        HttpClient c = lab.client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)).withHttp10KeepAlive(true), null);
        List<HttpExchange> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var x = c.get("http://www.wirelab.test/img/i" + i + ".png");
            lab.sim.runUntil(x, SimTime.seconds(5));
            got.add(x.join());
        }
        assertThat(got).allMatch(HttpExchange::ok);
        assertThat(got).extracting(e -> e.response().headers().get("Keep-Alive")).containsExactly("timeout=5, max=1", null, "timeout=5, max=1", null);
        assertThat(got).extracting(HttpExchange::connectionId).containsExactly(1L, 1L, 2L, 2L);
    }

    private static HttpExchange afterIdleClose(String method) {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults().withIdleTimeout(SimTime.seconds(1)));
        HttpClient c = lab.client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)), null);
        var first = c.get(PAGE);
        lab.sim.runUntil(first, SimTime.seconds(5));
        long serverLastRead = first.join().timing().requestSentAt() + SimTime.millis(10);
        lab.sim.runUntil(serverLastRead + SimTime.seconds(1) + SimTime.millis(2));     // FIN in flight toward the client
        var second = method.equals("GET") ? c.get("http://www.wirelab.test/img/i1.png") : c.post("http://www.wirelab.test/form", "a=1");
        lab.sim.runUntil(second, SimTime.seconds(10));
        return second.join();
    }

    @Test
    void getRetried_postNotRetried_whenThePersistentConnectionClosesUnderThem() {
        HttpExchange get = afterIdleClose("GET");
        assertThat(get.ok()).as(get.toString()).isTrue();
        assertThat(get.attempts()).isEqualTo(2);
        HttpExchange post = afterIdleClose("POST");
        assertThat(post.ok()).isFalse();
        assertThat(post.attempts()).isEqualTo(1);
        assertThat(post.detail()).contains("POST is not retried");
    }

    @Test
    void abruptClose_losesPipelinedResponses_gracefulDoesNot_overTcp() {
        List<HttpOutcome> graceful = pipelineIntoMax(CloseMode.GRACEFUL);
        List<HttpOutcome> abrupt = pipelineIntoMax(CloseMode.ABRUPT);
        System.out.println("graceful " + graceful + "\nabrupt   " + abrupt);
        assertThat(graceful.subList(0, 3)).containsOnly(HttpOutcome.OK);
        assertThat(graceful.subList(3, graceful.size())).containsOnly(HttpOutcome.CONNECTION_CLOSED);
        long abruptOk = abrupt.stream().filter(o -> o == HttpOutcome.OK).count();
        assertThat(abruptOk).as("responses 2-3 were written into the send buffer before the RST, yet lost").isLessThan(3);
        assertThat(abrupt).contains(HttpOutcome.CONNECTION_RESET);
    }

    private static List<HttpOutcome> pipelineIntoMax(CloseMode mode) {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults().withMaxRequests(3).withCloseMode(mode));
        HttpClient c = lab.client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.pipelined(6)).withMaxRetries(0), null);
        var first = c.get(PAGE);
        lab.sim.runUntil(first, SimTime.seconds(5));
        List<CompletableFuture<HttpExchange>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) fs.add(c.get("http://www.wirelab.test/big/b" + (i % 4) + ".bin"));
        lab.sim.runUntil(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), SimTime.seconds(10));
        List<HttpOutcome> out = new ArrayList<>();
        out.add(first.join().outcome());
        for (var f : fs) out.add(f.join().outcome());
        return out;
    }

    @TempDir Path dir;

    @Test
    void capture_showsEveryRequestAndResponse_chunkedDecodes_noMalformedFrames() throws IOException {
        TcpWebLab lab = new TcpWebLab(3, HttpServerConfig.defaults());
        Path file = dir.resolve("http.pcapng");
        Capture capture = Capture.toFile(file, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "http").tap(lab.pcPort);
        HttpClient c = lab.client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)), null);
        var page = new Browser(lab.sim, c).load(PAGE);
        lab.sim.runUntil(page, SimTime.seconds(10));
        var chunked = c.get("http://www.wirelab.test/chunked.txt");
        lab.sim.runUntil(chunked, SimTime.seconds(5));
        var post = c.post("http://www.wirelab.test/echo", "name=wirelab");
        lab.sim.runUntil(post, SimTime.seconds(5));
        lab.sim.runFor(SimTime.seconds(10));
        capture.close();
        assertThat(chunked.join().response().body()).hasSize(5000);
        assertThat(post.join().response().bodyText()).isEqualTo("name=wirelab");
        List<String> lines = Tshark.run(file, "-Y", "http", "-T", "fields", "-e", "http.request.method",
                "-e", "http.request.uri", "-e", "http.response.code", "-e", "http.transfer_encoding");
        assertThat(lines.stream().filter(l -> l.startsWith("GET\t"))).hasSize(12);
        assertThat(lines).contains("POST\t/echo\t\t", "\t\t200\tchunked");
        assertThat(lines.stream().filter(l -> l.contains("\t200"))).hasSize(13);
        assertThat(Tshark.count(file, "tcp.flags.fin == 1")).as("the idle timeout closes with FINs").isEqualTo(2);
        assertThat(Tshark.malformed(file)).isZero();
        assertThat(Tshark.badChecksums(file)).isZero();
    }

    @Test
    void contentLengthTruncation_detectedOverTcp() {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        new io.wirelab.devices.stream.TcpTransport(lab.web.tcp(), TcpWebLab.HTTP_TCP).listen(81, s -> s.onReadable(() -> {
            byte[] b = new byte[2048];
            if (s.read(b, 0, b.length) > 0) {
                byte[] r = ("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "z".repeat(3100)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                s.write(r, 0, r.length);
                s.close();
            }
        }));
        HttpClient c = lab.client(HttpClientConfig.defaults(), null);
        var x = c.get("http://10.0.0.80:81/file");
        lab.sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(x.join().detail()).isEqualTo("got 3100 of 5000 bytes; the server closed the connection");
        assertThat(x.join().request().headers().get("Host")).isEqualTo("10.0.0.80:81");
    }
}
