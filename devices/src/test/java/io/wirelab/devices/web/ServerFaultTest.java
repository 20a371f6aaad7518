package io.wirelab.devices.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Server faults over real TCP (10 Mbit/s, 10 ms one way): what the client sees of each. */
class ServerFaultTest {
    private static final String CSS = "http://www.wirelab.test/css/s0.css";         // 3000 bytes

    private static TcpWebLab lab(ServerFault f) {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        lab.server.sites().getFirst().fault("/css/s0.css", f);
        return lab;
    }

    private static HttpExchange get(TcpWebLab lab, HttpClient c, String url) {
        CompletableFuture<HttpExchange> x = c.get(url);
        assertThat(lab.sim.runUntil(x, SimTime.seconds(60))).isTrue();
        return x.join();
    }

    private static HttpExchange get(TcpWebLab lab, String url) {
        return get(lab, lab.client(HttpClientConfig.defaults(), null), url);
    }

    @Test void contentLengthAboveTheBody_isATruncationWithTheBytesReceived() {
        TcpWebLab lab = lab(ServerFault.NONE.withContentLength(4000));
        HttpExchange x = get(lab, CSS);
        assertThat(x.outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(x.detail()).startsWith("got 3000 of 4000 bytes");
        assertThat(x.receivedBytes()).isEqualTo(3000);
        assertThat(x.expectedBytes()).isEqualTo(4000);
        assertThat(lab.server.counter(HttpServerCounter.CONN_CLOSE_FAULT)).isEqualTo(1);
    }

    @Test void closeAfterWithReset_isATruncationNotAnEmptyReset() {
        TcpWebLab lab = lab(ServerFault.NONE.withCloseAfter(500).withReset(true));
        HttpExchange x = get(lab, CSS);
        assertThat(x.outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(x.detail()).isEqualTo("got 500 of 3000 bytes; connection reset by peer");
        assertThat(x.receivedBytes()).isEqualTo(500);
        assertThat(lab.server.counter(HttpServerCounter.CONN_RESET_FAULT)).isEqualTo(1);
        assertThat(lab.server.counter(HttpServerCounter.TX_FAULT)).isEqualTo(1);
    }

    @Test void closeAfterWithoutReset_endsWithFin() {
        TcpWebLab lab = lab(ServerFault.NONE.withCloseAfter(1200));
        HttpExchange x = get(lab, CSS);
        assertThat(x.outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(x.detail()).isEqualTo("got 1200 of 3000 bytes; the server closed the connection");
    }

    @Test void closeDelimitedBody_arrivesWhole_andCannotBeToldFromATruncatedOne() {
        TcpWebLab whole = lab(ServerFault.NONE.withFraming("close"));
        HttpExchange a = get(whole, CSS);
        assertThat(a.outcome()).isEqualTo(HttpOutcome.OK);
        assertThat(a.response().headers().get("Content-Length")).isNull();
        assertThat(a.response().headers().get("Connection")).isEqualTo("close");
        assertThat(a.response().body()).hasSize(3000);
        TcpWebLab cut = lab(ServerFault.NONE.withFraming("close").withCloseAfter(1000));
        HttpExchange b = get(cut, CSS);
        assertThat(b.outcome()).as("RFC 9112 §8: without a length the client cannot know").isEqualTo(HttpOutcome.OK);
        assertThat(b.response().body()).hasSize(1000);
    }

    @Test void delay_holdsTheResponse() {
        long plain = get(lab(ServerFault.NONE), CSS).timing().waitNanos();
        long delayed = get(lab(ServerFault.NONE.withDelay(SimTime.millis(200))), CSS).timing().waitNanos();
        assertThat(delayed - plain).isBetween(SimTime.millis(199), SimTime.millis(201));
    }

    @Test void chunkDelay_pacesTheChunks() {
        TcpWebLab lab = lab(ServerFault.NONE.withFraming("chunked").withChunkSize(1000).withChunkDelay(SimTime.millis(50)));
        HttpExchange x = get(lab, CSS);
        assertThat(x.ok()).isTrue();
        assertThat(x.response().body()).hasSize(3000);
        assertThat(x.response().headers().get("Transfer-Encoding")).isEqualTo("chunked");
        // three data chunks and the last chunk, a pause before each but the first
        assertThat(x.timing().receiveNanos()).isBetween(SimTime.millis(145), SimTime.millis(155));
    }

    @Test void http10_answersAs10_andCloses_keepAliveFalse_says_close() {
        TcpWebLab lab = lab(ServerFault.NONE.withHttp10(true));
        HttpClient c = lab.client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)), null);
        HttpExchange x = get(lab, c, CSS);
        assertThat(x.response().version()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(x.response().headers().get("Connection")).isEqualTo("close");
        assertThat(get(lab, c, CSS).reusedConnection()).isFalse();
        HttpExchange y = get(lab(ServerFault.NONE.withKeepAlive(false)), CSS);
        assertThat(y.response().headers().get("Connection")).isEqualTo("close");
        assertThat(y.response().version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test void siteFault_coversEveryPath_pathFaultWins() {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        lab.server.sites().getFirst().fault(ServerFault.NONE.withKeepAlive(false)).fault("/css/s0.css", ServerFault.NONE);
        assertThat(get(lab, "http://www.wirelab.test/js/j0.js").response().headers().get("Connection")).isEqualTo("close");
        assertThat(get(lab, CSS).response().headers().get("Connection")).isEqualTo("keep-alive");
    }

    @Test void handler_answersItsPath_withStatusHeadersBodyAndDelay() {
        TcpWebLab lab = new TcpWebLab(1, HttpServerConfig.defaults());
        lab.server.handle("/slow", (req, res) -> res.status(503).header("Retry-After", "1").body("busy " + req.method()).delay(SimTime.millis(300)));
        HttpExchange x = get(lab, "http://www.wirelab.test/slow?x=1");
        assertThat(x.status()).isEqualTo(503);
        assertThat(x.response().bodyText()).isEqualTo("busy GET");
        assertThat(x.response().headers().get("Retry-After")).isEqualTo("1");
        assertThat(x.timing().waitNanos()).isGreaterThanOrEqualTo(SimTime.millis(300));
        assertThat(lab.server.counter(HttpServerCounter.TX_STATUS_OTHER)).isEqualTo(1);
        lab.server.handle("/cut", (req, res) -> res.body("x".repeat(2000)).closeAfter(700).reset());
        HttpExchange y = get(lab, "http://www.wirelab.test/cut");
        assertThat(y.outcome()).isEqualTo(HttpOutcome.TRUNCATED);
        assertThat(y.receivedBytes()).isEqualTo(700);
    }
}
