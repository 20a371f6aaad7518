package io.wirelab.wire.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Serializes messages (RFC 9112). The fields are written exactly as given; the body is written
 * chunked when Transfer-Encoding ends in chunked, raw otherwise. Framing fields are the caller's choice
 * (see withContentLength).
 */
public final class HttpWriter {
    private HttpWriter() {}

    public static byte[] encode(HttpRequest r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + r.body().length);
        ascii(out, r.method() + " " + r.target() + " " + r.version() + "\r\n");
        fields(out, r.headers());
        body(out, r);
        return out.toByteArray();
    }

    public static byte[] encode(HttpResponse r) { return encode(r, false); }

    /** headOnly: the response to HEAD, fields as for GET but no content (RFC 9110 §9.3.2). */
    public static byte[] encode(HttpResponse r, boolean headOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + r.body().length);
        ascii(out, r.version() + " " + r.status() + " " + r.reason() + "\r\n");
        fields(out, r.headers());
        if (!headOnly && !HttpStatus.forbidsBody(r.status())) body(out, r);
        return out.toByteArray();
    }

    /** Adds Content-Length for the body unless the message is chunked (RFC 9112 §6.2). */
    public static HttpHeaders withContentLength(HttpHeaders h, int bodyLength) {
        if (isChunked(h)) return h.without("Content-Length");
        return h.set("Content-Length", Integer.toString(bodyLength));
    }

    public static boolean isChunked(HttpHeaders h) {
        var codings = h.listValues("Transfer-Encoding");
        return !codings.isEmpty() && codings.getLast().equalsIgnoreCase("chunked");
    }

    /** chunked-body = *chunk last-chunk trailer-section CRLF (RFC 9112 §7.1). */
    public static byte[] chunked(byte[] body, int chunkSize, HttpHeaders trailers) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize " + chunkSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        for (int at = 0; at < body.length; at += chunkSize) {
            int n = Math.min(chunkSize, body.length - at);
            ascii(out, Integer.toHexString(n) + "\r\n");
            out.write(body, at, n);
            ascii(out, "\r\n");
        }
        ascii(out, "0\r\n");
        fields(out, trailers);
        return out.toByteArray();
    }

    private static void body(ByteArrayOutputStream out, HttpMessage m) {
        if (isChunked(m.headers())) out.writeBytes(chunked(m.body(), 4096, m.trailers()));
        else out.writeBytes(m.body());
    }

    private static void fields(ByteArrayOutputStream out, HttpHeaders h) {
        for (HttpField f : h.fields()) ascii(out, f.name() + ": " + f.value() + "\r\n");
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) { out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)); }
}
