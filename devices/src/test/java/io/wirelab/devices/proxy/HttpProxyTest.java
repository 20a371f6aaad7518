package io.wirelab.devices.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.ServedRequest;
import io.wirelab.devices.web.WebFixture;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpOutcome;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A client at 10.0.0.2, a proxy at 10.0.0.3:3128 and WebFixture's origin at 10.0.0.80, over the in-memory network. */
class HttpProxyTest {
    private static final Ipv4Address PROXY = Ipv4Address.parse("10.0.0.3");
    private static final NameResolver DNS = name -> name.equals("www.wirelab.test") ? CompletableFuture.completedFuture(WebFixture.SERVER)
            : CompletableFuture.failedFuture(new IllegalStateException("NXDOMAIN " + name));

    private final WebFixture f = new WebFixture(HttpServerConfig.defaults().withIdleTimeout(SimTime.seconds(20)));

    private HttpProxy proxy(ProxyMode mode) {
        HttpProxy p = new HttpProxy(f.sim, ProxyConfig.of(mode, "proxy1"), f.net.host(PROXY), DNS);
        p.listen(f.net.host(PROXY), 3128);
        return p;
    }

    private HttpClient client(HttpClientConfig c) {
        return new HttpClient(f.sim, f.net.host(WebFixture.CLIENT), NameResolver.none(),
                c.withProxy(new HttpClientConfig.ProxyAddress("10.0.0.3", 3128)).withResponseTimeout(SimTime.seconds(3)));
    }

    private HttpExchange get(HttpClient c, String url, HttpHeaders extra) {
        CompletableFuture<HttpExchange> x = c.send("GET", url, extra, new byte[0]);
        assertThat(f.sim.runUntil(x, SimTime.seconds(60))).isTrue();
        return x.join();
    }

    @Test void smart_forwardsInOriginForm_withoutHopByHop_withVia_andKeepsBothSidesAlive() {
        HttpProxy p = proxy(ProxyMode.SMART);
        HttpClient c = client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)));
        HttpHeaders extra = HttpHeaders.of("Connection", "X-Trace", "X-Trace", "hop", "X-Kept", "e2e");
        HttpExchange a = get(c, "http://www.wirelab.test/index.html", extra);
        HttpExchange b = get(c, "http://www.wirelab.test/css/s0.css", HttpHeaders.EMPTY);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.request().target()).isEqualTo("http://www.wirelab.test/index.html");
        assertThat(a.response().headers().get("Via")).isEqualTo("1.1 proxy1");
        assertThat(a.response().headers().get("Keep-Alive")).as("the origin's Keep-Alive is hop-by-hop").isNull();
        assertThat(a.response().headers().get("Connection")).isEqualTo("keep-alive");
        assertThat(b.reusedConnection()).isTrue();
        HttpExchange old = get(client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)).withHttp10KeepAlive(true)),
                "http://www.wirelab.test/js/j0.js", HttpHeaders.EMPTY);
        assertThat(old.response().headers().get("Connection")).as("an HTTP/1.0 client that asked keeps its connection").isEqualTo("keep-alive");
        assertThat(f.server.log().getLast().headers().get("Via")).isEqualTo("1.0 proxy1");
        ServedRequest first = f.server.log().getFirst();
        assertThat(first.target()).isEqualTo("/index.html");
        assertThat(first.version()).isEqualTo("HTTP/1.1");
        assertThat(first.headers().get("Via")).isEqualTo("1.1 proxy1");
        assertThat(first.headers().get("X-Trace")).isNull();
        assertThat(first.headers().get("X-Kept")).isEqualTo("e2e");
        assertThat(f.server.log()).extracting(ServedRequest::connection).containsExactly(1L, 1L, 1L);
        assertThat(p.counter(ProxyCounter.CLIENT_CONN_REUSED)).isEqualTo(1);
        assertThat(p.counter(ProxyCounter.ORIGIN_CONN_OPENED)).isEqualTo(1);
        assertThat(p.counter(ProxyCounter.HOP_BY_HOP_REMOVED)).isGreaterThanOrEqualTo(4);
    }

    @Test void smart_unknownOrigin_is502_originFormRequest_is400() {
        proxy(ProxyMode.SMART);
        HttpExchange x = get(client(HttpClientConfig.defaults()), "http://nowhere.test/", HttpHeaders.EMPTY);
        assertThat(x.status()).isEqualTo(502);
        assertThat(x.response().bodyText()).contains("NXDOMAIN nowhere.test");
    }

    @Test void dumb_passesConnectionKeepAlive_soTheSecondRequestHangsUntilTheClientGivesUp() {
        HttpProxy p = proxy(ProxyMode.DUMB);
        HttpClient c = client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)).withHttp10KeepAlive(true).withMaxRetries(0));
        HttpExchange a = get(c, "http://www.wirelab.test/index.html", HttpHeaders.EMPTY);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.response().headers().get("Connection")).as("the origin answered the forwarded keep-alive").isEqualTo("keep-alive");
        assertThat(f.server.log().getFirst().keptAlive()).isTrue();
        HttpExchange b = get(c, "http://www.wirelab.test/css/s0.css", HttpHeaders.EMPTY);
        assertThat(b.outcome()).isEqualTo(HttpOutcome.TIMEOUT);
        assertThat(b.reusedConnection()).isTrue();
        assertThat(b.detail()).isEqualTo("no response from the proxy 10.0.0.3:3128 within 3.000 s");
        assertThat(p.counter(ProxyCounter.DUMB_IGNORED_BYTES)).isPositive();
        assertThat(f.server.log()).hasSize(1);
    }

    @Test void dumb_withProxyConnection_theOriginClosesAndNothingHangs() {
        HttpProxy p = proxy(ProxyMode.DUMB);
        HttpClient c = client(HttpClientConfig.defaults().withPolicy(ConnectionPolicy.persistent(1)).withHttp10KeepAlive(true)
                .withProxyConnection(true).withMaxRetries(0));
        HttpExchange a = get(c, "http://www.wirelab.test/index.html", HttpHeaders.EMPTY);
        HttpExchange b = get(c, "http://www.wirelab.test/css/s0.css", HttpHeaders.EMPTY);
        assertThat(a.request().headers().get("Proxy-Connection")).isEqualTo("keep-alive");
        assertThat(a.request().headers().get("Connection")).isNull();
        assertThat(a.response().headers().get("Connection")).isEqualTo("close");
        assertThat(b.ok()).isTrue();
        assertThat(b.reusedConnection()).isFalse();
        assertThat(p.counter(ProxyCounter.DUMB_ORIGIN_CLOSED)).isEqualTo(2);
    }

    @Test void https_goesThroughAConnectTunnel_inBothModes() {                 // RFC 9110 §9.3.6
        for (ProxyMode mode : ProxyMode.values()) {
            WebFixture g = new WebFixture(HttpServerConfig.defaults());
            HttpProxy p = new HttpProxy(g.sim, ProxyConfig.of(mode, "proxy1"), g.net.host(PROXY), DNS);
            p.listen(g.net.host(PROXY), 3128);
            // the "TLS" here is the identity, so the origin's plain HTTP port can stand in for 443
            HttpClient c = new HttpClient(g.sim, g.net.host(WebFixture.CLIENT), NameResolver.none(),
                    (raw, name) -> CompletableFuture.completedFuture(raw),
                    HttpClientConfig.defaults().withProxy(new HttpClientConfig.ProxyAddress("10.0.0.3", 3128)));
            CompletableFuture<HttpExchange> x = c.get("https://www.wirelab.test:80/index.html");
            assertThat(g.sim.runUntil(x, SimTime.seconds(60))).isTrue();
            assertThat(x.join().status()).as(mode.toString()).isEqualTo(200);
            assertThat(x.join().response().headers().get("Via")).as("a tunnel is blind").isNull();
            assertThat(g.server.log().getFirst().target()).isEqualTo("/index.html");
            assertThat(p.counter(ProxyCounter.TUNNEL_OPENED)).isEqualTo(1);
            assertThat(p.log().getFirst().method()).isEqualTo("CONNECT");
            assertThat(p.log().getFirst().target()).isEqualTo("www.wirelab.test:80");
        }
    }
}
