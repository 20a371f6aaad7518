package io.wirelab.wire.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** status-line + fields + body (RFC 9112 §4). */
public record HttpResponse(HttpVersion version, int status, String reason, HttpHeaders headers,
                           byte[] body, HttpHeaders trailers) implements HttpMessage {
    public HttpResponse {
        Objects.requireNonNull(version);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(headers);
        Objects.requireNonNull(body);
        Objects.requireNonNull(trailers);
        if (status < 100 || status > 999) throw new IllegalArgumentException("status " + status);  // 3DIGIT, RFC 9112 §4
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) throw new IllegalArgumentException("reason with CR/LF");
    }

    public static HttpResponse of(int status, HttpHeaders headers, byte[] body) {
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reason(status), headers, body, HttpHeaders.EMPTY);
    }

    public HttpResponse withHeaders(HttpHeaders h) { return new HttpResponse(version, status, reason, h, body, trailers); }
    public HttpResponse withBody(byte[] b) { return new HttpResponse(version, status, reason, headers, b, trailers); }

    public String bodyText() { return new String(body, StandardCharsets.ISO_8859_1); }

    @Override public boolean equals(Object o) {
        return o instanceof HttpResponse r && r.status == status && r.reason.equals(reason)
                && r.version.equals(version) && r.headers.equals(headers)
                && java.util.Arrays.equals(r.body, body) && r.trailers.equals(trailers);
    }
    @Override public int hashCode() { return Objects.hash(status, reason, version, headers, java.util.Arrays.hashCode(body)); }
    @Override public String toString() { return version + " " + status + " " + reason + " " + headers + " body=" + body.length; }
}
