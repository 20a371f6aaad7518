package io.wirelab.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpParserTest {

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HttpParserTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Feeds bytes cut at the given points and drains every complete message. */
    private static List<HttpMessage> feedSplit(HttpParser p, byte[] bytes, int step) {
        List<HttpMessage> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += step) {
            p.feed(bytes, at, Math.min(step, bytes.length - at));
            for (HttpMessage m; (m = p.poll()) != null; ) out.add(m);
        }
        return out;
    }

    private static List<HttpMessage> feedAt(HttpParser p, byte[] bytes, int cut) {
        List<HttpMessage> out = new ArrayList<>();
        p.feed(bytes, 0, cut);
        for (HttpMessage m; (m = p.poll()) != null; ) out.add(m);
        p.feed(bytes, cut, bytes.length - cut);
        for (HttpMessage m; (m = p.poll()) != null; ) out.add(m);
        return out;
    }

    private static HttpParseError requestError(String text) {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.feed(ascii(text));
        return p.error();
    }

    @Test
    void curlKeepAliveRequests_everySplit_givesTwoGets() throws IOException {
        byte[] bytes = resource("keepalive-stream0-requests.bin");
        for (int cut = 0; cut <= bytes.length; cut++) {
            HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
            List<HttpMessage> msgs = feedAt(p, bytes, cut);
            assertThat(msgs).as("cut %d", cut).hasSize(2);
            HttpRequest a = (HttpRequest) msgs.get(0), b = (HttpRequest) msgs.get(1);
            assertThat(a.method()).isEqualTo("GET");
            assertThat(a.target()).isEqualTo("/a.txt");
            assertThat(b.target()).isEqualTo("/b.txt");
            assertThat(a.headers().get("host")).isEqualTo("198.18.4.1");
            assertThat(a.headers().get("User-Agent")).isEqualTo("curl/7.88.1");
            assertThat(a.keepAlive()).isTrue();
            assertThat(p.idle()).isTrue();
        }
    }

    @Test
    void nginxResponses_byteByByte_matchTshark() throws IOException {
        byte[] bytes = resource("keepalive-stream0-responses.bin");
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.expectResponseTo("GET");
        p.expectResponseTo("GET");
        List<HttpMessage> msgs = feedSplit(p, bytes, 1);
        assertThat(msgs).hasSize(2);
        HttpResponse a = (HttpResponse) msgs.get(0);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.reason()).isEqualTo("OK");
        assertThat(a.headers().get("Content-Length")).isEqualTo("39");
        assertThat(a.bodyText()).isEqualTo("This is /a.txt from the wirelab nginx.\n");
        assertThat(a.headers().get("Connection")).isEqualTo("keep-alive");
        assertThat(((HttpResponse) msgs.get(1)).body()).hasSize(50);
    }

    @Test
    void http10Request_withoutKeepAlive_isNotPersistent_andNginxAnswersClose() throws IOException {
        HttpParser req = HttpParser.forRequests(HttpLimits.defaults());
        req.feed(resource("keepalive-stream1-requests.bin"));
        HttpRequest r = (HttpRequest) req.poll();
        assertThat(r.version()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(r.keepAlive()).isFalse();
        HttpParser resp = HttpParser.forResponses(HttpLimits.defaults());
        resp.feed(resource("keepalive-stream1-responses.bin"));
        HttpResponse s = (HttpResponse) resp.poll();
        assertThat(s.keepAlive()).isFalse();
        assertThat(s.body()).hasSize(57);
    }

    @Test
    void nginxChunkedSsi_everySplit_dechunksTo147Bytes() throws IOException {
        byte[] bytes = resource("keepalive-stream2-responses.bin");
        for (int cut = 0; cut <= bytes.length; cut++) {
            HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
            List<HttpMessage> msgs = feedAt(p, bytes, cut);
            assertThat(msgs).as("cut %d", cut).hasSize(1);
            HttpResponse r = (HttpResponse) msgs.getFirst();
            assertThat(r.body()).hasSize(0x3a + 0x20 + 0x39).hasSize(147);
            assertThat(r.bodyText()).startsWith("<html><body>\n<p>first part").endsWith("</body></html>\n");
            assertThat(p.idle()).isTrue();
        }
    }

    @Test
    void chunkedWithExtensionsAndTrailers_randomSplits() {
        byte[] bytes = ascii("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=val\r\nhello\r\nA \r\n0123456789\r\n0\r\nX-Checksum: 42\r\nX-More: a\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
            List<HttpMessage> out = new ArrayList<>();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(1 + rnd.nextInt(9), bytes.length - at);
                p.feed(bytes, at, n);
                at += n;
                for (HttpMessage m; (m = p.poll()) != null; ) out.add(m);
            }
            assertThat(out).hasSize(2);
            HttpRequest post = (HttpRequest) out.get(0);
            assertThat(post.bodyText()).isEqualTo("hello0123456789");
            assertThat(post.trailers().get("x-checksum")).isEqualTo("42");
            assertThat(post.trailers().size()).isEqualTo(2);
            assertThat(((HttpRequest) out.get(1)).target()).isEqualTo("/next");
        }
    }

    @Test
    void leadingEmptyLinesAndBareLf_accepted() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.feed(ascii("\r\n\nGET / HTTP/1.1\nHost: x\n\n"));
        assertThat(p.error()).isEqualTo(HttpParseError.NONE);
        assertThat(((HttpRequest) p.poll()).target()).isEqualTo("/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                       | BAD_REQUEST_LINE",
            "GET /\\r\\n\\r\\n                                             | BAD_REQUEST_LINE",
            "GE(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                        | BAD_REQUEST_LINE",
            "GET /a b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n                      | BAD_REQUEST_LINE",
            "GET / HTTP/1.10\\r\\nHost: h\\r\\n\\r\\n                        | BAD_VERSION",
            "GET / http/1.1\\r\\nHost: h\\r\\n\\r\\n                         | BAD_VERSION",
            "GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n                         | UNSUPPORTED_VERSION",
            "GET / HTTP/1.1\\r\\nHost : h\\r\\n\\r\\n                        | WHITESPACE_BEFORE_COLON",
            "GET / HTTP/1.1\\r\\nHost: h\\r\\n folded\\r\\n\\r\\n              | OBS_FOLD",
            "GET / HTTP/1.1\\r\\nHost: h\\r\\nNoColon\\r\\n\\r\\n              | BAD_FIELD_LINE",
            "GET / HTTP/1.1\\r\\nHost: h\\r\\nA\u0001b: c\\r\\n\\r\\n         | BAD_FIELD_LINE",
            "GET / HTTP/1.1\\r\\nHost: h\\rX: y\\r\\n\\r\\n                   | BARE_CR",
            "GET / HTTP/1.1\\r\\nX: y\\r\\n\\r\\n                            | MISSING_HOST",
            "GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n              | DUPLICATE_HOST",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 1x\\r\\n\\r\\n  | BAD_CONTENT_LENGTH",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: -1\\r\\n\\r\\n  | BAD_CONTENT_LENGTH",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3, 4\\r\\n\\r\\n | BAD_CONTENT_LENGTH",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\n | BAD_CONTENT_LENGTH",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | CONTENT_LENGTH_WITH_TRANSFER_ENCODING",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n | UNKNOWN_TRANSFER_CODING",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked, chunked\\r\\n\\r\\n | CHUNKED_NOT_FINAL",
            "POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n     | TRANSFER_ENCODING_IN_HTTP_1_0",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n | BAD_CHUNK_SIZE",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1 x\\r\\n | BAD_CHUNK_SIZE",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\naXY | BAD_CHUNK_END",
            "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nffffffffffffffffff\\r\\n | BAD_CHUNK_SIZE",
    })
    void hostileRequest_givesPreciseError(String text, HttpParseError expected) {
        String unescaped = text.strip().replace("\\r", "\r").replace("\\n", "\n");
        assertThat(requestError(unescaped)).isEqualTo(expected);
    }

    @Test
    void errorStatuses_mapToTheRightResponses() {
        assertThat(HttpParseError.REQUEST_TARGET_TOO_LONG.status()).isEqualTo(414);
        assertThat(HttpParseError.HEADER_SECTION_TOO_LARGE.status()).isEqualTo(431);
        assertThat(HttpParseError.BODY_TOO_LARGE.status()).isEqualTo(413);
        assertThat(HttpParseError.UNSUPPORTED_VERSION.status()).isEqualTo(505);
        assertThat(HttpParseError.UNKNOWN_TRANSFER_CODING.status()).isEqualTo(501);
    }

    @Test
    void longTarget_fails414_beforeTheLineEnds() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults().withMaxStartLine(64));
        p.feed(ascii("GET /" + "a".repeat(100)));
        assertThat(p.error()).isEqualTo(HttpParseError.REQUEST_TARGET_TOO_LONG);
        HttpParser q = HttpParser.forRequests(HttpLimits.defaults().withMaxStartLine(64));
        q.feed(ascii("X".repeat(100)));
        assertThat(q.error()).isEqualTo(HttpParseError.BAD_REQUEST_LINE);
    }

    @Test
    void hugeHeaderSection_fails431_withoutBufferingForever() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults().withMaxHeaderSection(1024));
        p.feed(ascii("GET / HTTP/1.1\r\nHost: h\r\n"));
        for (int i = 0; i < 100 && !p.failed(); i++) p.feed(ascii("X-Pad-" + i + ": " + "v".repeat(40) + "\r\n"));
        assertThat(p.error()).isEqualTo(HttpParseError.HEADER_SECTION_TOO_LARGE);
        HttpParser q = HttpParser.forRequests(HttpLimits.defaults().withMaxHeaderSection(1024));
        q.feed(ascii("GET / HTTP/1.1\r\nX-Long: " + "v".repeat(5000)));
        assertThat(q.error()).isEqualTo(HttpParseError.HEADER_SECTION_TOO_LARGE);
    }

    @Test
    void tooManyFields_fails431() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults().withMaxFields(5));
        p.feed(ascii("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n"));
        assertThat(p.error()).isEqualTo(HttpParseError.TOO_MANY_FIELDS);
    }

    @Test
    void bodyOverLimit_fails413_fromTheDeclaredLength_andFromChunks() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults().withMaxBody(10));
        p.feed(ascii("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n"));
        assertThat(p.error()).isEqualTo(HttpParseError.BODY_TOO_LARGE);
        HttpParser q = HttpParser.forRequests(HttpLimits.defaults().withMaxBody(10));
        q.feed(ascii("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n"));
        assertThat(q.error()).isEqualTo(HttpParseError.BODY_TOO_LARGE);
    }

    @Test
    void pipelinedRequestsBeforeAnError_remainAvailable() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.feed(ascii("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nBROKEN\r\n\r\n"));
        assertThat(((HttpRequest) p.poll()).target()).isEqualTo("/1");
        assertThat(((HttpRequest) p.poll()).target()).isEqualTo("/2");
        assertThat(p.poll()).isNull();
        assertThat(p.error()).isEqualTo(HttpParseError.BAD_REQUEST_LINE);
        p.feed(ascii("GET /3 HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertThat(p.poll()).as("nothing after an error").isNull();
    }

    @Test
    void identicalContentLengthList_isOneValue() {
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.feed(ascii("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc"));
        assertThat(((HttpRequest) p.poll()).bodyText()).isEqualTo("abc");
    }

    @Test
    void headResponse_hasNoBodyDespiteContentLength_andNextResponseParses() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.expectResponseTo("HEAD");
        p.expectResponseTo("GET");
        p.feed(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        HttpResponse head = (HttpResponse) p.poll();
        assertThat(head.body()).isEmpty();
        assertThat(((HttpResponse) p.poll()).bodyText()).isEqualTo("ok");
    }

    @Test
    void status204And304_haveNoBody_and1xxIsSkipped() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx"));
        assertThat(((HttpResponse) p.poll()).status()).isEqualTo(204);
        assertThat(((HttpResponse) p.poll()).status()).isEqualTo(304);
        HttpResponse last = (HttpResponse) p.poll();
        assertThat(last.reason()).isEmpty();
        assertThat(last.bodyText()).isEqualTo("x");
        assertThat(p.interimResponses()).isEqualTo(1);
    }

    @Test
    void responseWithoutLength_readsUntilClose() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii("HTTP/1.0 200 OK\r\nServer: old\r\n\r\nsome body"));
        assertThat(p.poll()).isNull();
        p.feed(ascii(" more"));
        p.finish();
        assertThat(((HttpResponse) p.poll()).bodyText()).isEqualTo("some body more");
        assertThat(p.error()).isEqualTo(HttpParseError.NONE);
    }

    @Test
    void eofBeforeContentLength_reportsTruncationWithCounts() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "z".repeat(60)));
        p.finish();
        assertThat(p.error()).isEqualTo(HttpParseError.TRUNCATED_BODY);
        assertThat(p.declaredLength()).isEqualTo(100);
        assertThat(p.bodyBytesReceived()).isEqualTo(60);
        assertThat(p.poll()).isNull();
    }

    @Test
    void eofInHeaders_isTruncatedHeader_cleanEofIsNot() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii("HTTP/1.1 200 OK\r\nContent-Le"));
        p.finish();
        assertThat(p.error()).isEqualTo(HttpParseError.TRUNCATED_HEADER);
        HttpParser q = HttpParser.forResponses(HttpLimits.defaults());
        q.finish();
        assertThat(q.error()).isEqualTo(HttpParseError.NONE);
        assertThat(q.closed()).isTrue();
    }

    @Test
    void responseObsFold_isReplacedBySpace_responseTeWinsOverContentLength() {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii("HTTP/1.1 200 OK\r\nX-Folded: a\r\n  b\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"));
        HttpResponse r = (HttpResponse) p.poll();
        assertThat(r.headers().get("X-Folded")).isEqualTo("a b");
        assertThat(r.bodyText()).isEqualTo("hi");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/2 200 OK", "HTTP/2.0 200 OK", "ICY 200 OK", "HTTP/1.1 099 Low"})
    void badStatusLines(String line) {
        HttpParser p = HttpParser.forResponses(HttpLimits.defaults());
        p.feed(ascii(line + "\r\n\r\n"));
        assertThat(p.error()).isEqualTo(HttpParseError.BAD_STATUS_LINE);
    }

    @Test
    void randomGarbage_neverThrows_andEndsInErrorOrWaiting() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] junk = new byte[rnd.nextInt(300)];
            rnd.nextBytes(junk);
            if (trial % 2 == 0 && junk.length > 20) System.arraycopy(ascii("GET / HTTP/1.1\r\n"), 0, junk, 0, 16);
            HttpParser p = trial % 3 == 0 ? HttpParser.forResponses(HttpLimits.defaults()) : HttpParser.forRequests(HttpLimits.defaults());
            feedSplit(p, junk, 1 + rnd.nextInt(7));
            p.finish();
            assertThat(p.closed()).isTrue();
        }
    }

    @Test
    void writer_roundTrips_requestAndChunkedResponse() {
        HttpRequest req = new HttpRequest("POST", "/echo", HttpVersion.HTTP_1_1,
                HttpHeaders.of("Host", "www.wirelab.test", "Content-Length", "4"), ascii("ping"), HttpHeaders.EMPTY);
        HttpParser p = HttpParser.forRequests(HttpLimits.defaults());
        p.feed(HttpWriter.encode(req));
        assertThat(p.poll()).isEqualTo(req);

        HttpResponse resp = new HttpResponse(HttpVersion.HTTP_1_1, 200, "OK",
                HttpHeaders.of("Transfer-Encoding", "chunked", "Trailer", "X-T"), ascii("x".repeat(10000)), HttpHeaders.of("X-T", "1"));
        byte[] wire = HttpWriter.encode(resp);
        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).contains("\r\n1000\r\n").endsWith("0\r\nX-T: 1\r\n\r\n");
        HttpParser q = HttpParser.forResponses(HttpLimits.defaults());
        feedSplit(q, wire, 13);
        q.feed(new byte[0]);
        HttpParser r = HttpParser.forResponses(HttpLimits.defaults());
        List<HttpMessage> got = feedSplit(r, wire, 13);
        assertThat(got).containsExactly(resp);
    }

    @Test
    void writer_headResponse_keepsFieldsDropsBody() {
        HttpResponse resp = HttpResponse.of(200, HttpHeaders.of("Content-Length", "5"), ascii("hello"));
        assertThat(new String(HttpWriter.encode(resp, true), StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
    }
}
