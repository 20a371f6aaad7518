package io.wirelab.devices.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.stream.StreamCloseReason;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.WallClock;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpServerTest {
    private static final String GET = "GET /index.html HTTP/1.1\r\nHost: www.wirelab.test\r\n\r\n";

    private static HttpResponse only(List<HttpMessage> msgs) {
        assertThat(msgs).hasSize(1);
        return (HttpResponse) msgs.getFirst();
    }

    @Test
    void get_servesPage_withDateFromVirtualTime_andKeepsConnection() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        f.sim.runUntil(SimTime.seconds(3725));
        WebFixture.Raw c = f.new Raw().send(GET);
        f.sim.runFor(SimTime.seconds(1));
        HttpResponse r = only(c.responses("GET"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Date")).isEqualTo("Thu, 01 Jan 2026 01:02:05 GMT");
        assertThat(r.headers().get("Content-Type")).startsWith("text/html");
        assertThat(r.headers().get("Connection")).isEqualTo("keep-alive");
        assertThat(r.bodyText()).contains("<img src=img/i0.png");
        assertThat(c.eof).isFalse();
    }

    /** The Date header follows the virtual clock from one request to the next, within a second and across one. */
    @Test
    void date_followsTheVirtualSecond_fromRequestToRequest() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        f.sim.runUntil(SimTime.seconds(3725));
        WebFixture.Raw c = f.new Raw().send(GET);
        f.sim.runFor(SimTime.millis(200));
        c.send(GET);
        f.sim.runFor(SimTime.millis(1_500));
        c.send(GET);
        f.sim.runFor(SimTime.seconds(1));
        assertThat(c.responses("GET")).extracting(m -> m.headers().get("Date")).containsExactly(
                "Thu, 01 Jan 2026 01:02:05 GMT", "Thu, 01 Jan 2026 01:02:05 GMT", "Thu, 01 Jan 2026 01:02:06 GMT");
    }

    @Test
    void head_options_post_put_unknown_404_411() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        WebFixture.Raw c = f.new Raw();
        c.send("HEAD /index.html HTTP/1.1\r\nHost: www.wirelab.test\r\n\r\n")
                .send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
                .send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
                .send("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                .send("BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n")
                .send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n")
                .send("POST /echo HTTP/1.1\r\nHost: x\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        List<HttpMessage> rs = c.responses("HEAD", "OPTIONS", "POST", "PUT", "BREW", "GET", "POST");
        assertThat(rs).extracting(m -> ((HttpResponse) m).status()).containsExactly(200, 204, 200, 405, 501, 404, 411);
        HttpResponse head = (HttpResponse) rs.get(0);
        assertThat(head.body()).isEmpty();
        assertThat(Integer.parseInt(head.headers().get("Content-Length"))).isGreaterThan(100);
        assertThat(((HttpResponse) rs.get(1)).headers().get("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
        assertThat(((HttpResponse) rs.get(2)).bodyText()).isEqualTo("hello");
        assertThat(((HttpResponse) rs.get(2)).headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(((HttpResponse) rs.get(3)).headers().get("Allow")).isNotNull();
        assertThat(((HttpResponse) rs.get(6)).headers().get("Connection")).isEqualTo("close");
        assertThat(c.eof).as("411 closes the connection").isTrue();
    }

    @Test
    void virtualHosts_routeByHost_andAbsoluteFormWins() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        WebFixture.Raw c = f.new Raw()
                .send("GET / HTTP/1.1\r\nHost: other.wirelab.test:80\r\n\r\n")
                .send("GET http://other.wirelab.test/ HTTP/1.1\r\nHost: www.wirelab.test\r\n\r\n")
                .send("GET / HTTP/1.1\r\nHost: unknown.test\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        List<HttpMessage> rs = c.responses("GET", "GET", "GET");
        assertThat(((HttpResponse) rs.get(0)).bodyText()).isEqualTo("<p>other</p>");
        assertThat(((HttpResponse) rs.get(1)).bodyText()).isEqualTo("<p>other</p>");
        assertThat(((HttpResponse) rs.get(2)).bodyText()).contains("<img");
    }

    @Test
    void pipelinedRequests_answeredInOrder_evenWithProcessingTime() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withProcessing(SimTime.millis(5)));
        WebFixture.Raw c = f.new Raw()
                .send("GET /img/i2.png HTTP/1.1\r\nHost: w\r\n\r\nGET /nope HTTP/1.1\r\nHost: w\r\n\r\nGET /js/j1.js HTTP/1.1\r\nHost: w\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        List<HttpMessage> rs = c.responses("GET", "GET", "GET");
        assertThat(rs).extracting(m -> ((HttpResponse) m).status()).containsExactly(200, 404, 200);
        assertThat(((HttpResponse) rs.get(0)).headers().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(((HttpResponse) rs.get(2)).headers().get("Content-Type")).isEqualTo("application/javascript");
    }

    @Test
    void http10_withoutKeepAlive_closes_withKeepAlive_honoursMax() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withMaxRequests(3));
        WebFixture.Raw plain = f.new Raw().send("GET / HTTP/1.0\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        assertThat(only(plain.responses("GET")).headers().get("Connection")).isEqualTo("close");
        assertThat(plain.eof).isTrue();

        WebFixture.Raw ka = f.new Raw();
        String req = "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n";
        ka.send(req + req + req + req);
        f.sim.runFor(SimTime.seconds(1));
        List<HttpMessage> rs = ka.responses("GET", "GET", "GET", "GET");
        assertThat(rs).hasSize(3);
        assertThat(rs).extracting(m -> m.headers().get("Keep-Alive")).containsExactly("timeout=5, max=2", "timeout=5, max=1", null);
        assertThat(rs).extracting(m -> m.headers().get("Connection")).containsExactly("keep-alive", "keep-alive", "close");
        assertThat(ka.eof).isTrue();
    }

    @Test
    void connectionClose_fromClient_isHonoured_andHopByHopFieldsAreStripped() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        WebFixture.Raw c = f.new Raw().send("GET / HTTP/1.1\r\nHost: w\r\nConnection: close, X-Secret\r\nX-Secret: 1\r\nX-Kept: 2\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        assertThat(only(c.responses("GET")).headers().get("Connection")).isEqualTo("close");
        assertThat(c.eof).isTrue();
        assertThat(f.server.log().getFirst().headers().contains("X-Secret")).isFalse();
        assertThat(f.server.log().getFirst().headers().get("X-Kept")).isEqualTo("2");
    }

    @Test
    void idleTimeout_closesPersistentConnection_gracefully() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withIdleTimeout(SimTime.seconds(2)));
        WebFixture.Raw c = f.new Raw().send(GET);
        f.sim.runFor(SimTime.millis(1900));
        assertThat(c.eof).isFalse();
        f.sim.runFor(SimTime.millis(200));
        assertThat(c.eof).isTrue();
        assertThat(f.server.counter("http.conn.close.idle_timeout")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /%s HTTP/1.1\\r\\nHost: w\\r\\n\\r\\n | 414",
            "GET / HTTP/1.1\\r\\nHost: w\\r\\nX-Big: %s\\r\\n\\r\\n | 431",
            "GET / HTTP/3.0\\r\\nHost: w\\r\\n\\r\\n | 505",
            "GET / HTTP/1.1\\r\\n\\r\\n | 400",
            "POST / HTTP/1.1\\r\\nHost: w\\r\\nContent-Length: 99999\\r\\n\\r\\n | 413",
            "GARBAGE\\r\\n\\r\\n | 400",
    })
    void malformedRequests_getTheirStatus_andTheConnectionCloses(String template, int status) {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withLimits(
                HttpLimits.defaults().withMaxStartLine(256).withMaxHeaderSection(512).withMaxBody(1000)));
        String text = template.strip().replace("\\r", "\r").replace("\\n", "\n").replace("%s", "a".repeat(600));
        WebFixture.Raw c = f.new Raw().send(text);
        f.sim.runFor(SimTime.seconds(3));
        HttpResponse r = only(c.responses("GET"));
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers().get("Connection")).isEqualTo("close");
        assertThat(c.eof).isTrue();
    }

    @Test
    void chunkedResource_toHttp11_butLengthTo10() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        WebFixture.Raw c = f.new Raw().send("GET /chunked.txt HTTP/1.1\r\nHost: w\r\n\r\n");
        WebFixture.Raw d = f.new Raw().send("GET /chunked.txt HTTP/1.0\r\n\r\n");
        f.sim.runFor(SimTime.seconds(1));
        HttpResponse r = only(c.responses("GET"));
        assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.body()).hasSize(5000);
        HttpResponse r10 = only(d.responses("GET"));
        assertThat(r10.headers().get("Transfer-Encoding")).isNull();
        assertThat(r10.headers().get("Content-Length")).isEqualTo("5000");
    }

    @Test
    void abruptClose_withUnreadPipelinedRequests_resets_gracefulDoesNot() {
        String two = "GET /img/i0.png HTTP/1.1\r\nHost: w\r\n\r\n".repeat(2);
        WebFixture abrupt = new WebFixture(HttpServerConfig.defaults().withMaxRequests(1).withCloseMode(CloseMode.ABRUPT));
        WebFixture.Raw a = abrupt.new Raw().send(two);
        abrupt.sim.runFor(SimTime.seconds(1));
        assertThat(a.closedReason).isEqualTo(StreamCloseReason.RESET_BY_PEER);
        assertThat(a.responses("GET", "GET")).as("the response still in the send buffer is lost").isEmpty();
        assertThat(abrupt.server.counter("http.conn.reset_with_unread")).isEqualTo(1);

        WebFixture graceful = new WebFixture(HttpServerConfig.defaults().withMaxRequests(1));
        WebFixture.Raw g = graceful.new Raw().send(two);
        graceful.sim.runFor(SimTime.seconds(1));
        assertThat(g.responses("GET", "GET")).hasSize(1);
        assertThat(g.eof).isTrue();
        assertThat(g.closedReason).isNotEqualTo(StreamCloseReason.RESET_BY_PEER);
    }

    @Test
    void gracefulClose_keepsReadingUntilLinger_thenCloses() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults().withMaxRequests(1).withLinger(SimTime.seconds(3)));
        WebFixture.Raw c = f.new Raw().send(GET);
        f.sim.runFor(SimTime.millis(500));
        assertThat(c.eof).as("FIN after the response").isTrue();
        c.send("late bytes the server drains and discards");
        f.sim.runFor(SimTime.millis(500));
        assertThat(c.closedReason).as("no reset: the server is still reading").isNull();
        assertThat(f.server.counter("http.rx.discarded_bytes")).isEqualTo(1);
        f.sim.runFor(SimTime.seconds(3));
        assertThat(f.server.counter("http.conn.linger_timeout")).isEqualTo(1);
    }
    @Test
    void realTimeRun_logsTheFirstRequestsOnly_andCountsTheRest() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        f.sim.enableRealTime(new WallClock() {   // a wall clock that jumps to whatever the simulator waits for
            long now;
            @Override public long nanoTime() { return now; }
            @Override public void parkNanos(long nanos) { now += nanos; }
            @Override public void unpark(Thread thread) {}
        });
        int requests = HttpServer.REAL_TIME_LOG_LIMIT + 5;
        for (int i = 0; i < requests; i++) f.new Raw().send("HEAD /index.html HTTP/1.1\r\nHost: www.wirelab.test\r\nConnection: close\r\n\r\n");
        f.sim.runFor(SimTime.seconds(5));
        assertThat(f.server.counter("http.tx.status.200")).isEqualTo(requests);
        assertThat(f.server.log()).hasSize(HttpServer.REAL_TIME_LOG_LIMIT);
        assertThat(f.server.unlogged()).isEqualTo(5);
    }

    @Test
    void virtualTimeRun_logsEveryRequest() {
        WebFixture f = new WebFixture(HttpServerConfig.defaults());
        int requests = HttpServer.REAL_TIME_LOG_LIMIT + 5;
        for (int i = 0; i < requests; i++) f.new Raw().send("HEAD /index.html HTTP/1.1\r\nHost: www.wirelab.test\r\nConnection: close\r\n\r\n");
        f.sim.runFor(SimTime.seconds(5));
        assertThat(f.server.log()).hasSize(requests);
        assertThat(f.server.unlogged()).isZero();
    }
}
