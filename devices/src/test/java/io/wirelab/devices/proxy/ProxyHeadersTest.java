package io.wirelab.devices.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {
    @Test void absoluteForm_givesHostPortAndOriginForm() {                   // RFC 9112 §3.2.2
        ProxyHeaders.Target t = ProxyHeaders.absolute("http://WWW.Lab.test:8080/a/b?x=1#frag");
        assertThat(t).isEqualTo(new ProxyHeaders.Target("http", "www.lab.test", 8080, "/a/b?x=1"));
        assertThat(t.url()).isEqualTo("http://www.lab.test:8080/a/b?x=1");
        assertThat(ProxyHeaders.absolute("http://www.lab.test")).isEqualTo(new ProxyHeaders.Target("http", "www.lab.test", 80, "/"));
        assertThat(ProxyHeaders.absolute("http://h?q").originForm()).isEqualTo("/?q");
        assertThat(ProxyHeaders.absolute("https://h/").port()).isEqualTo(443);
        assertThat(ProxyHeaders.absolute("/index.html")).isNull();
        assertThat(ProxyHeaders.absolute("ftp://h/")).isNull();
        assertThat(ProxyHeaders.absolute("http://user@h/")).as("RFC 9110 §4.2.4: no userinfo").isNull();
        assertThat(ProxyHeaders.absolute("http://h:99999/")).isNull();
        assertThat(ProxyHeaders.absolute("http://:80/")).isNull();
    }

    @Test void authorityForm_ofConnect() {                                   // RFC 9112 §3.2.3
        assertThat(ProxyHeaders.hostPort("www.lab.test:443", 443)).isEqualTo(new ProxyHeaders.HostPort("www.lab.test", 443));
        assertThat(ProxyHeaders.hostPort("10.0.0.80:8443", 443)).isEqualTo(new ProxyHeaders.HostPort("10.0.0.80", 8443));
        assertThat(ProxyHeaders.hostPort("h:", 443)).isNull();
        assertThat(ProxyHeaders.hostPort("h:x1", 443)).isNull();
    }

    @Test void forward_dropsHopByHopAndConnectionNamedFields_andAddsVia() {  // RFC 9110 §7.6.1, §7.6.3
        HttpHeaders in = HttpHeaders.of("Host", "www.lab.test", "Connection", "keep-alive, X-Secret", "Keep-Alive", "timeout=5",
                "X-Secret", "hop only", "Proxy-Connection", "keep-alive", "TE", "trailers", "Upgrade", "h2c",
                "Transfer-Encoding", "chunked", "Accept", "*/*", "Via", "1.0 old-proxy");
        HttpHeaders out = ProxyHeaders.forward(in, HttpVersion.HTTP_1_0, "proxy1");
        assertThat(out.fields()).extracting(f -> f.name() + ": " + f.value())
                .containsExactly("Host: www.lab.test", "Accept: */*", "Via: 1.0 old-proxy, 1.0 proxy1");
        assertThat(ProxyHeaders.removedCount(in)).isEqualTo(7);
        assertThat(ProxyHeaders.forward(HttpHeaders.of("Host", "h"), HttpVersion.HTTP_1_1, "p").get("Via")).isEqualTo("1.1 p");
    }

    @Test void clientKeepAlive_fromConnectionOrProxyConnection_byVersion() {  // RFC 9112 §9.3, RFC 2068 §19.7.1
        assertThat(wants(HttpVersion.HTTP_1_1)).isTrue();
        assertThat(wants(HttpVersion.HTTP_1_1, "Connection", "close")).isFalse();
        assertThat(wants(HttpVersion.HTTP_1_1, "Proxy-Connection", "close")).isFalse();
        assertThat(wants(HttpVersion.HTTP_1_0)).isFalse();
        assertThat(wants(HttpVersion.HTTP_1_0, "Connection", "Keep-Alive")).isTrue();
        assertThat(wants(HttpVersion.HTTP_1_0, "Proxy-Connection", "keep-alive")).isTrue();
    }

    private static boolean wants(HttpVersion v, String... fields) {
        HttpHeaders h = HttpHeaders.of("Host", "h");
        for (int i = 0; i < fields.length; i += 2) h = h.with(fields[i], fields[i + 1]);
        return ProxyHeaders.clientWantsKeepAlive(new HttpRequest("GET", "http://h/", v, h, new byte[0], HttpHeaders.EMPTY));
    }
}
