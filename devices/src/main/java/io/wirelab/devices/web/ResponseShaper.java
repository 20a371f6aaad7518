package io.wirelab.devices.web;

import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpResponse;
import io.wirelab.wire.http.HttpStatus;
import io.wirelab.wire.http.HttpVersion;
import io.wirelab.wire.http.HttpWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a response and its ServerFault into what the connection sends: byte pieces, pauses between
 * them, and how the connection ends. Without a fault that is the response's bytes in one piece.
 */
final class ResponseShaper {
    private ResponseShaper() {}

    /** What the connection writes, in order. */
    sealed interface Out {}
    record Piece(byte[] bytes) implements Out {}
    record Pause(long nanos) implements Out {}
    /** Ends the connection after what came before: a RST once it is acknowledged, or a close. */
    record End(boolean reset) implements Out {}

    /**
     * The response's framing and version as the fault wants them. chunkedAllowed: the request was
     * HTTP/1.1 (RFC 9112 §7: chunked only to 1.1 recipients).
     */
    static HttpResponse frame(HttpResponse r, ServerFault f, boolean chunkedAllowed) {
        HttpHeaders h = r.headers();
        boolean chunked = HttpWriter.isChunked(h);
        if (f.http10()) chunkedAllowed = false;
        String framing = f.framing() != null ? f.framing() : chunked ? "chunked" : "length";
        if (framing.equals("chunked") && !chunkedAllowed) framing = "length";
        boolean bodyless = HttpStatus.forbidsBody(r.status());
        if (!bodyless) {
            h = h.without("Transfer-Encoding").without("Content-Length");
            h = switch (framing) {
                case "chunked" -> h.with("Transfer-Encoding", "chunked");
                case "close" -> h;                                                    // RFC 9112 §6.3 item 8
                default -> h.with("Content-Length", Long.toString(f.contentLength() >= 0 ? f.contentLength() : r.body().length));
            };
            if (f.contentLength() >= 0 && !framing.equals("length"))
                h = h.with("Content-Length", Long.toString(f.contentLength()));       // a lie on top of another framing
        }
        HttpVersion v = f.http10() ? HttpVersion.HTTP_1_0 : r.version();
        return new HttpResponse(v, r.status(), r.reason(), h, r.body(), HttpHeaders.EMPTY);
    }

    /** The pieces of a framed response; headOnly for HEAD. endConnection: the fault ends it after the response. */
    static List<Out> shape(HttpResponse framed, ServerFault f, boolean headOnly, boolean endConnection) {
        List<Out> out = new ArrayList<>();
        HttpResponse head = framed.withBody(new byte[0]);
        byte[] headBytes = HttpWriter.encode(head, true);
        List<byte[]> body = new ArrayList<>();
        if (!headOnly && !HttpStatus.forbidsBody(framed.status())) {
            boolean chunked = HttpWriter.isChunked(framed.headers());
            byte[] b = framed.body();
            int size = f.chunkDelayNanos() > 0 || chunked ? f.chunkSize() : Math.max(1, b.length);
            if (chunked && f.chunkDelayNanos() == 0) body.add(HttpWriter.chunked(b, size, HttpHeaders.EMPTY));
            else {
                for (int at = 0; at < b.length; at += size) {
                    byte[] part = java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + size));
                    body.add(chunked ? chunk(part) : part);
                }
                if (chunked) body.add("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        long budget = f.closeAfterBytes() < 0 ? Long.MAX_VALUE : f.closeAfterBytes();
        boolean cut = false;
        byte[] first = headBytes;
        for (int i = 0; i < body.size(); i++) {
            byte[] part = body.get(i);
            if (part.length > budget) { part = java.util.Arrays.copyOf(part, (int) budget); cut = true; }
            budget -= part.length;
            if (i == 0) first = concat(headBytes, part);
            else {
                if (f.chunkDelayNanos() > 0) out.add(new Pause(f.chunkDelayNanos()));
                if (part.length > 0) out.add(new Piece(part));
            }
            if (cut) break;
        }
        out.addFirst(new Piece(first));
        if (cut || f.closeAfterBytes() >= 0 || f.reset() || endConnection) out.add(new End(f.reset()));
        return out;
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(data.length + 12);
        o.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        o.writeBytes(data);
        o.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return o.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
