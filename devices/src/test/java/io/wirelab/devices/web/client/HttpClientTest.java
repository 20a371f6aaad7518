package io.wirelab.devices.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.devices.web.CloseMode;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.WebFixture;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HttpClientTest {
    private static final String PAGE = "http://www.wirelab.test/index.html";

    private static NameResolver dns(WebFixture f, long delay) {
        return name -> {
            CompletableFuture<Ipv4Address> r = new CompletableFuture<>();
            f.sim.after(delay, () -> r.complete(WebFixture.SERVER));
            return r;
        };
    }

    private static HttpClient client(WebFixture f, HttpClientConfig config) {
        return new HttpClient(f.sim, f.net.host(WebFixture.CLIENT), dns(f, SimTime.millis(3)), config);
    }

    private static PageLoad load(ConnectionPolicy policy) {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        Browser b = new Browser(f.sim, client(f, HttpClientConfig.defaults().withPolicy(policy)));
        CompletableFuture<PageLoad> p = b.load(PAGE);
        assertThat(f.sim.runUntil(p, SimTime.seconds(60))).isTrue();
        return p.join();
    }

    @Test
    void pageWith10Objects_persistentAndPipelinedBeatSerial() {
        Map<String, PageLoad> loads = new LinkedHashMap<>();
        loads.put("serial", load(ConnectionPolicy.serial()));
        loads.put("parallel", load(ConnectionPolicy.parallel(4)));
        loads.put("persistent", load(ConnectionPolicy.persistent()));
        loads.put("pipelined", load(ConnectionPolicy.pipelined(10)));
        for (PageLoad l : loads.values()) {
            assertThat(l.exchanges()).hasSize(11);
            assertThat(l.allOk()).as(l.toString()).isTrue();
        }
        long serial = loads.get("serial").totalNanos();
        assertThat(loads.get("serial").connectionsOpened()).isEqualTo(11);
        assertThat(loads.get("persistent").connectionsOpened()).isEqualTo(2);
        assertThat(loads.get("pipelined").connectionsOpened()).isEqualTo(1);
        assertThat(loads.get("persistent").totalNanos()).isLessThan(serial);
        assertThat(loads.get("pipelined").totalNanos()).isLessThan(serial);
        assertThat(loads.get("parallel").totalNanos()).isLessThan(serial);
        assertThat(loads.get("pipelined").totalNanos()).isLessThan(loads.get("persistent").totalNanos());
        // serial: 11 x (handshake RTT + request RTT) at 20 ms RTT, plus serialization
        assertThat(serial).isGreaterThan(SimTime.millis(11 * 40));
    }

    @Test
    void timingBreakdown_firstRequestPaysDnsAndConnect_reusedPaysNeither() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        HttpClient c = client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)));
        var first = c.get(PAGE);
        f.sim.runUntil(first, SimTime.seconds(5));
        var second = c.get("http://www.wirelab.test/img/i1.png");
        f.sim.runUntil(second, SimTime.seconds(5));
        HttpTiming t1 = first.join().timing(), t2 = second.join().timing();
        assertThat(t1.dnsNanos()).isEqualTo(SimTime.millis(3));
        assertThat(t1.connectNanos()).isEqualTo(SimTime.millis(20));
        assertThat(t1.requestSentAt()).isEqualTo(t1.startAt() + SimTime.millis(23));
        assertThat(t1.waitNanos()).isGreaterThanOrEqualTo(SimTime.millis(20));
        assertThat(second.join().reusedConnection()).isTrue();
        assertThat(t2.dnsNanos()).isZero();
        assertThat(t2.connectNanos()).isZero();
        assertThat(t2.totalNanos()).isLessThan(t1.totalNanos());
        assertThat(first.join().request().headers().get("Host")).isEqualTo("www.wirelab.test");
    }

    @Test
    void http10KeepAlive_clientHonoursMax_andOpensASecondConnection() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withMaxRequests(3));
        HttpClient c = client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)).withHttp10KeepAlive(true));
        List<HttpExchange> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var x = c.get("http://www.wirelab.test/img/i" + (i % 4) + ".png");
            f.sim.runUntil(x, SimTime.seconds(5));
            got.add(x.join());
        }
        assertThat(got).allMatch(HttpExchange::ok);
        assertThat(got).extracting(e -> e.request().version().toString()).containsOnly("HTTP/1.0");
        assertThat(got).extracting(e -> e.response().headers().get("Keep-Alive"))
                .containsExactly("timeout=5, max=2", "timeout=5, max=1", null, "timeout=5, max=2", "timeout=5, max=1");
        assertThat(got).extracting(HttpExchange::connectionId).containsExactly(1L, 1L, 1L, 2L, 2L);
        assertThat(c.connectionsOpened()).isEqualTo(2);
    }

    /** The server's idle timeout closes the connection 1 ms before the client reuses it: its FIN crosses the request. */
    private static HttpExchange raceWithIdleClose(String method) {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withIdleTimeout(SimTime.seconds(1)));
        HttpClient c = client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)));
        var first = c.get(PAGE);
        f.sim.runUntil(first, SimTime.seconds(5));
        long lastActivity = first.join().timing().completeAt() - SimTime.millis(10);   // the server wrote 10 ms before
        f.sim.runUntil(lastActivity + SimTime.seconds(1) + SimTime.millis(1));
        var second = method.equals("GET") ? c.get("http://www.wirelab.test/img/i1.png")
                : c.post("http://www.wirelab.test/form", "a=1");
        f.sim.runUntil(second, SimTime.seconds(5));
        return second.join();
    }

    @Test
    void idempotentRequest_retriedOnNewConnection_afterPersistentConnectionCloses() {
        HttpExchange x = raceWithIdleClose("GET");
        assertThat(x.ok()).as(x.toString()).isTrue();
        assertThat(x.attempts()).isEqualTo(2);
        assertThat(x.connectionId()).isEqualTo(2);
    }

    @Test
    void post_isNeverRetried() {
        HttpExchange x = raceWithIdleClose("POST");
        assertThat(x.outcome()).isEqualTo(HttpOutcome.CONNECTION_CLOSED);
        assertThat(x.detail()).contains("POST is not retried");
        assertThat(x.attempts()).isEqualTo(1);
    }

    @Test
    void contentLengthTruncation_isDetected() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        f.net.host(Ipv4Address.parse("10.0.0.81")).listen(80, s -> liar(s));
        HttpClient c = new HttpClient(f.sim, f.net.host(WebFixture.CLIENT), NameResolver.none(), HttpClientConfig.defaults());
        var x = c.get("http://10.0.0.81/big");
        f.sim.runUntil(x, SimTime.seconds(5));
        assertThat(x.join().outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(x.join().expectedBytes()).isEqualTo(100);
        assertThat(x.join().receivedBytes()).isEqualTo(60);
        assertThat(x.join().detail()).isEqualTo("got 60 of 100 bytes; the server closed the connection");
    }

    private static void liar(ByteStream s) {
        s.onReadable(() -> {
            byte[] b = new byte[1024];
            if (s.read(b, 0, b.length) > 0) {
                byte[] r = ("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "z".repeat(60)).getBytes(StandardCharsets.ISO_8859_1);
                s.write(r, 0, r.length);
                s.shutdownOutput();
            }
        });
    }

    private static List<HttpExchange> pipelineIntoMaxRequests(CloseMode mode) {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withMaxRequests(3).withCloseMode(mode));
        HttpClient c = client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.pipelined(6)).withMaxRetries(0));
        var first = c.get(PAGE);
        f.sim.runUntil(first, SimTime.seconds(5));
        List<CompletableFuture<HttpExchange>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) fs.add(c.get("http://www.wirelab.test/img/i" + (i % 4) + ".png"));
        f.sim.runUntil(CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)), SimTime.seconds(10));
        List<HttpExchange> out = new ArrayList<>();
        out.add(first.join());
        for (var x : fs) out.add(x.join());
        return out;
    }

    @Test
    void abruptClose_losesPipelinedResponses_gracefulDeliversThem() {
        List<HttpExchange> graceful = pipelineIntoMaxRequests(CloseMode.GRACEFUL);
        List<HttpExchange> abrupt = pipelineIntoMaxRequests(CloseMode.ABRUPT);
        assertThat(graceful).extracting(HttpExchange::outcome).startsWith(HttpOutcome.OK, HttpOutcome.OK, HttpOutcome.OK);
        assertThat(graceful.subList(3, 7)).extracting(HttpExchange::outcome).containsOnly(HttpOutcome.CONNECTION_CLOSED);
        assertThat(abrupt.get(0).outcome()).isEqualTo(HttpOutcome.OK);
        assertThat(abrupt.subList(1, 7)).extracting(HttpExchange::outcome).containsOnly(HttpOutcome.CONNECTION_RESET);
        assertThat(abrupt.get(1).detail()).isEqualTo("connection reset by peer");
    }

    @Test
    void withRetries_pipelinedRequestsAfterAGracefulCloseAllSucceed() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withMaxRequests(3));
        Browser b = new Browser(f.sim, client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.pipelined(10)).withMaxRetries(3)));
        var p = b.load(PAGE);
        f.sim.runUntil(p, SimTime.seconds(30));
        assertThat(p.join().allOk()).as(p.join().toString()).isTrue();
        assertThat(p.join().connectionsOpened()).isEqualTo(4);
    }

    @Test
    void embeddedObjects_parsedInDocumentOrder() {
        assertThat(Browser.embedded("<IMG SRC=\"a.png\"><script src='b.js'></script><link rel=x href=c.css><img src=\"a.png\"><a href=no.html>"))
                .containsExactly("a.png", "b.js", "c.css");
    }

    @Test
    void refusedConnection_andDnsFailure_areReported() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        HttpClient c = new HttpClient(f.sim, f.net.host(WebFixture.CLIENT), NameResolver.none(), HttpClientConfig.defaults());
        var refused = c.get("http://10.0.0.99/");
        var noName = c.get("http://nowhere.test/");
        f.sim.runFor(SimTime.seconds(1));
        assertThat(refused.join().outcome()).isEqualTo(HttpOutcome.CONNECT_FAILED);
        assertThat(noName.join().outcome()).isEqualTo(HttpOutcome.DNS_FAILED);
    }

    @Test
    void head_hasNoBody_andSilentServer_timesOut() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        f.net.host(Ipv4Address.parse("10.0.0.82")).listen(80, s -> s.onReadable(() -> s.read(new byte[4096], 0, 4096)));
        HttpClient c = new HttpClient(f.sim, f.net.host(WebFixture.CLIENT), NameResolver.none(),
                HttpClientConfig.defaults().withResponseTimeout(SimTime.seconds(2)));
        var head = c.head("http://10.0.0.80/index.html");
        var silent = c.get("http://10.0.0.82/");
        f.sim.runFor(SimTime.seconds(1));
        assertThat(head.join().ok()).isTrue();
        assertThat(head.join().response().body()).isEmpty();
        assertThat(silent).isNotDone();
        f.sim.runFor(SimTime.seconds(2));
        assertThat(silent.join().outcome()).isEqualTo(HttpOutcome.TIMEOUT);
    }

    @Test
    void pipelinedPolicy_neverPipelinesPost() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        HttpClient c = client(f, HttpClientConfig.defaults().withPolicy(ConnectionPolicy.pipelined(8)));
        f.sim.runUntil(c.get(PAGE), SimTime.seconds(5));
        var a = c.get("http://www.wirelab.test/img/i0.png");
        var post = c.post("http://www.wirelab.test/echo", "x");
        var b = c.get("http://www.wirelab.test/img/i1.png");
        f.sim.runUntil(CompletableFuture.allOf(a, post, b), SimTime.seconds(5));
        assertThat(post.join().ok()).isTrue();
        assertThat(post.join().timing().requestSentAt()).as("sent alone, after the GET before it completed")
                .isGreaterThanOrEqualTo(a.join().timing().completeAt());
        assertThat(b.join().timing().requestSentAt()).isGreaterThanOrEqualTo(post.join().timing().completeAt());
        assertThat(c.connectionsOpened()).isEqualTo(1);
    }
}
