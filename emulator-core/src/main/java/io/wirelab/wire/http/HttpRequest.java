package io.wirelab.wire.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** request-line + fields + body (RFC 9112 §3). */
public record HttpRequest(String method, String target, HttpVersion version, HttpHeaders headers,
                          byte[] body, HttpHeaders trailers) implements HttpMessage {
    public HttpRequest {
        Objects.requireNonNull(version);
        Objects.requireNonNull(headers);
        Objects.requireNonNull(trailers);
        Objects.requireNonNull(body);
        if (!HttpSyntax.isToken(method)) throw new IllegalArgumentException("method " + method);
        if (target.isEmpty()) throw new IllegalArgumentException("request-target " + target);
        for (int i = 0; i < target.length(); i++)
            if (target.charAt(i) <= 0x20 || target.charAt(i) >= 0x7f) throw new IllegalArgumentException("request-target " + target);
    }

    public static HttpRequest of(String method, String target, HttpHeaders headers) {
        return new HttpRequest(method, target, HttpVersion.HTTP_1_1, headers, new byte[0], HttpHeaders.EMPTY);
    }

    public HttpRequest withHeaders(HttpHeaders h) { return new HttpRequest(method, target, version, h, body, trailers); }
    public HttpRequest withBody(byte[] b) { return new HttpRequest(method, target, version, headers, b, trailers); }
    public HttpRequest withVersion(HttpVersion v) { return new HttpRequest(method, target, v, headers, body, trailers); }

    /** Safe methods are idempotent, and so are PUT and DELETE (RFC 9110 §9.2.2). */
    public boolean idempotent() {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE" -> true;
            default -> false;
        };
    }

    public String bodyText() { return new String(body, StandardCharsets.ISO_8859_1); }

    @Override public boolean equals(Object o) {
        return o instanceof HttpRequest r && r.method.equals(method) && r.target.equals(target)
                && r.version.equals(version) && r.headers.equals(headers)
                && java.util.Arrays.equals(r.body, body) && r.trailers.equals(trailers);
    }
    @Override public int hashCode() { return Objects.hash(method, target, version, headers, java.util.Arrays.hashCode(body)); }
    @Override public String toString() { return method + " " + target + " " + version + " " + headers + " body=" + body.length; }
}
