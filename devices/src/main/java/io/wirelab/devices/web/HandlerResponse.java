package io.wirelab.devices.web;

import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * What a RequestHandler answers: 200 with an empty text/plain body unless it sets otherwise. The
 * server adds Date, Server, the framing fields and Connection; fields set here come after Date and
 * Server and replace a field of the same name. The fault methods shape how the bytes leave (ServerFault).
 */
public final class HandlerResponse {
    private int status = 200;
    private HttpHeaders headers = HttpHeaders.EMPTY;
    private byte[] body = new byte[0];
    private String contentType = "text/plain; charset=utf-8";
    private ServerFault fault = ServerFault.NONE;

    public HandlerResponse status(int code) {
        if (code < 100 || code > 999 || code / 100 == 1) throw new IllegalArgumentException("status " + code + " (a final status is 200..999)");
        status = code;
        return this;
    }

    public HandlerResponse header(String name, String value) {
        if (name.equalsIgnoreCase("Content-Type")) contentType = value;
        else headers = headers.set(name, value);
        return this;
    }

    public HandlerResponse body(String text) { return body(text.getBytes(StandardCharsets.UTF_8)); }

    public HandlerResponse body(byte[] bytes) { body = bytes.clone(); return this; }

    /** Waits this long before sending the response. */
    public HandlerResponse delay(long nanos) { fault = fault.withDelay(nanos); return this; }

    /** Announces this Content-Length whatever the body's length. */
    public HandlerResponse contentLength(long n) { fault = fault.withContentLength(n); return this; }

    /** Closes the connection after n body bytes. */
    public HandlerResponse closeAfter(long n) { fault = fault.withCloseAfter(n); return this; }

    /** Ends the connection with a RST instead of a FIN. */
    public HandlerResponse reset() { fault = fault.withReset(true); return this; }

    /** Connection: close, and closes after the response. */
    public HandlerResponse close() { fault = fault.withKeepAlive(false); return this; }

    /** Sends the body in pieces of size bytes with a pause between them (chunks when chunked). */
    public HandlerResponse pace(int size, long pauseNanos) { fault = fault.withChunkSize(size).withChunkDelay(pauseNanos); return this; }

    /** "length", "chunked" or "close" (ServerFault.framing). */
    public HandlerResponse framing(String f) { fault = fault.withFraming(f); return this; }

    public HandlerResponse http10() { fault = fault.withHttp10(true); return this; }

    public HandlerResponse fault(ServerFault f) { fault = f; return this; }

    public int status() { return status; }
    public HttpHeaders headers() { return headers; }
    public byte[] body() { return body.clone(); }
    public String contentType() { return contentType; }
    public ServerFault fault() { return fault; }
    public String reason() { return HttpStatus.reason(status); }
}
