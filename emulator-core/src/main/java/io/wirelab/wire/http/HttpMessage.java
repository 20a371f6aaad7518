package io.wirelab.wire.http;

/** A complete HTTP/1.x message as framed by RFC 9112: start line, fields, decoded body, trailers. */
public sealed interface HttpMessage permits HttpRequest, HttpResponse {
    HttpVersion version();
    HttpHeaders headers();
    byte[] body();
    HttpHeaders trailers();

    /** Whether the sender wants the connection kept after this message (RFC 9112 §9.3). */
    default boolean keepAlive() { return keepAlive(headers().connectionTokens()); }

    /** keepAlive() with the message's connectionTokens() at hand. */
    default boolean keepAlive(java.util.Set<String> tokens) {
        if (tokens.contains("close")) return false;
        if (version().atLeast11()) return true;
        return tokens.contains("keep-alive");                       // RFC 9112 §9.3 item 3 (HTTP/1.0)
    }

    default KeepAlive keepAliveParameters() { return KeepAlive.parse(headers().get("Keep-Alive")); }
}
