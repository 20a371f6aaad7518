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
        return message(latin1(r.method() + " " + r.target() + " " + r.version() + "\r\n"), r.headers(), content(r));
    }

    public static byte[] encode(HttpResponse r) { return encode(r, false); }

    /** headOnly: the response to HEAD, fields as for GET but no content (RFC 9110 §9.3.2). */
    public static byte[] encode(HttpResponse r, boolean headOnly) {
        byte[] content = headOnly || HttpStatus.forbidsBody(r.status()) ? NOTHING : content(r);
        return message(latin1(r.version() + " " + r.status() + " " + r.reason() + "\r\n"), r.headers(), content);
    }

    private static final byte[] NOTHING = new byte[0];

    /** Start line, field lines, CRLF, content: written into one array of the exact size. */
    private static byte[] message(byte[] startLine, HttpHeaders h, byte[] content) {
        int n = startLine.length + 2 + content.length;
        for (int i = 0; i < h.size(); i++) n += h.field(i).name().length() + 2 + h.field(i).value().length() + 2;
        byte[] out = new byte[n];
        System.arraycopy(startLine, 0, out, 0, startLine.length);
        int at = fieldLines(out, startLine.length, h);
        System.arraycopy(content, 0, out, at, content.length);
        return out;
    }

    /** name ": " value CRLF per field, then CRLF; returns the end. Names are tokens and values ISO-8859-1 (HttpField checks both). */
    private static int fieldLines(byte[] out, int at, HttpHeaders h) {
        for (int i = 0; i < h.size(); i++) {
            HttpField f = h.field(i);
            at = put(out, at, f.name());
            out[at++] = ':';
            out[at++] = ' ';
            at = put(out, at, f.value());
            out[at++] = '\r';
            out[at++] = '\n';
        }
        out[at++] = '\r';
        out[at++] = '\n';
        return at;
    }

    @SuppressWarnings("deprecation")                 // each char is one ISO-8859-1 byte, which this getBytes copies as it is
    private static int put(byte[] out, int at, String s) {
        s.getBytes(0, s.length(), out, at);
        return at + s.length();
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

    private static byte[] content(HttpMessage m) {
        return isChunked(m.headers()) ? chunked(m.body(), 4096, m.trailers()) : m.body();
    }

    private static void fields(ByteArrayOutputStream out, HttpHeaders h) {
        for (HttpField f : h.fields()) ascii(out, f.name() + ": " + f.value() + "\r\n");
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) { out.writeBytes(latin1(s)); }

    private static byte[] latin1(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }
}
