package io.wirelab.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpHeadersTest {

    @Test
    void connectionTokens_areCaseInsensitiveLists_andEndToEndDropsNamedFields() {
        HttpHeaders h = HttpHeaders.of("Host", "a", "Connection", "Keep-Alive, X-Trace", "connection", "close",
                "X-Trace", "1", "Keep-Alive", "timeout=5", "Accept", "*/*", "Transfer-Encoding", "chunked");
        assertThat(h.connectionTokens()).containsExactly("keep-alive", "x-trace", "close");
        assertThat(h.endToEnd().fields()).extracting(HttpField::name).containsExactly("Host", "Accept");
    }

    @Test
    void keepAliveParameters_parseLeniently() {
        assertThat(KeepAlive.parse("timeout=5, max=100")).isEqualTo(new KeepAlive(5, 100));
        assertThat(KeepAlive.parse("MAX=3")).isEqualTo(new KeepAlive(-1, 3));
        assertThat(KeepAlive.parse("timeout=x, junk, max=")).isEqualTo(KeepAlive.NONE);
        assertThat(new KeepAlive(15, 2).toHeaderValue()).isEqualTo("timeout=15, max=2");
    }

    @Test
    void persistence_followsRfc9112Section9_3() {
        HttpRequest r11 = HttpRequest.of("GET", "/", HttpHeaders.of("Host", "h"));
        assertThat(r11.keepAlive()).isTrue();
        assertThat(r11.withHeaders(HttpHeaders.of("Host", "h", "Connection", "Close")).keepAlive()).isFalse();
        HttpRequest r10 = r11.withVersion(HttpVersion.HTTP_1_0);
        assertThat(r10.keepAlive()).isFalse();
        assertThat(r10.withHeaders(HttpHeaders.of("Connection", "keep-alive")).keepAlive()).isTrue();
    }

    @Test
    void setReplacesAllLines_andDateIsImfFixdate() {
        HttpHeaders h = HttpHeaders.of("A", "1", "B", "2", "a", "3").set("a", "9");
        assertThat(h.fields()).extracting(HttpField::value).containsExactly("9", "2");
        assertThat(HttpDate.format(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void idempotency_perRfc9110() {
        assertThat(HttpRequest.of("GET", "/", HttpHeaders.EMPTY).idempotent()).isTrue();
        assertThat(HttpRequest.of("DELETE", "/", HttpHeaders.EMPTY).idempotent()).isTrue();
        assertThat(HttpRequest.of("POST", "/", HttpHeaders.EMPTY).idempotent()).isFalse();
        assertThat(HttpRequest.of("PATCH", "/", HttpHeaders.EMPTY).idempotent()).isFalse();
    }
}
