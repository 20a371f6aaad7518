package io.wirelab.devices.web;

import java.util.List;

/**
 * A way a response goes wrong on purpose (a lesson's misbehaving server). Every field has a "no
 * fault" value, and NONE has them all.
 * <ul>
 * <li>contentLength: the Content-Length announced instead of the body's length (-1: the true one);
 *     when it exceeds the body the server sends the body, then closes: the client sees a truncated
 *     response (RFC 9112 §8).</li>
 * <li>closeAfterBytes: close the connection after this many body bytes (-1: never).</li>
 * <li>reset: end the connection with a RST instead of a FIN, once the bytes sent before it are acknowledged.</li>
 * <li>delayNanos: wait this long before the response; chunkDelayNanos: pause this long between
 *     pieces of chunkSize body bytes (each piece is one chunk of a chunked response).</li>
 * <li>keepAlive: false answers with Connection: close and closes after the response.</li>
 * <li>http10: answer as an HTTP/1.0 server: HTTP/1.0 status line, no chunked coding, persistent only
 *     when the request asks with Connection: keep-alive (RFC 2068 §19.7.1).</li>
 * <li>framing: how the body is delimited: "length" (Content-Length), "chunked" (RFC 9112 §7.1) or
 *     "close" (neither; the body ends when the server closes, RFC 9112 §6.3 item 8).</li>
 * </ul>
 */
public record ServerFault(long contentLength, long closeAfterBytes, boolean reset, long delayNanos, long chunkDelayNanos,
                          int chunkSize, boolean keepAlive, boolean http10, String framing) {
    public static final List<String> FRAMINGS = List.of("length", "chunked", "close");
    public static final int DEFAULT_CHUNK_SIZE = 1024;
    public static final ServerFault NONE = new ServerFault(-1, -1, false, 0, 0, DEFAULT_CHUNK_SIZE, true, false, null);

    public ServerFault {
        if (contentLength < -1 || closeAfterBytes < -1 || delayNanos < 0 || chunkDelayNanos < 0 || chunkSize < 1)
            throw new IllegalArgumentException("bad server fault");
        if (framing != null && !FRAMINGS.contains(framing)) throw new IllegalArgumentException("framing " + framing);
    }

    public boolean isNone() { return equals(NONE); }

    /** Whether the fault leaves the connection unusable after the response, so the server must close it. */
    public boolean closesConnection() {
        return !keepAlive || closeAfterBytes >= 0 || reset || "close".equals(framing) || contentLength >= 0;
    }

    public ServerFault withContentLength(long n) { return new ServerFault(n, closeAfterBytes, reset, delayNanos, chunkDelayNanos, chunkSize, keepAlive, http10, framing); }
    public ServerFault withCloseAfter(long n) { return new ServerFault(contentLength, n, reset, delayNanos, chunkDelayNanos, chunkSize, keepAlive, http10, framing); }
    public ServerFault withReset(boolean b) { return new ServerFault(contentLength, closeAfterBytes, b, delayNanos, chunkDelayNanos, chunkSize, keepAlive, http10, framing); }
    public ServerFault withDelay(long n) { return new ServerFault(contentLength, closeAfterBytes, reset, n, chunkDelayNanos, chunkSize, keepAlive, http10, framing); }
    public ServerFault withChunkDelay(long n) { return new ServerFault(contentLength, closeAfterBytes, reset, delayNanos, n, chunkSize, keepAlive, http10, framing); }
    public ServerFault withChunkSize(int n) { return new ServerFault(contentLength, closeAfterBytes, reset, delayNanos, chunkDelayNanos, n, keepAlive, http10, framing); }
    public ServerFault withKeepAlive(boolean b) { return new ServerFault(contentLength, closeAfterBytes, reset, delayNanos, chunkDelayNanos, chunkSize, b, http10, framing); }
    public ServerFault withHttp10(boolean b) { return new ServerFault(contentLength, closeAfterBytes, reset, delayNanos, chunkDelayNanos, chunkSize, keepAlive, b, framing); }
    public ServerFault withFraming(String f) { return new ServerFault(contentLength, closeAfterBytes, reset, delayNanos, chunkDelayNanos, chunkSize, keepAlive, http10, f); }
}
