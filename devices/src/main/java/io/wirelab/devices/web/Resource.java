package io.wirelab.devices.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Static content at one path. chunked: sent with Transfer-Encoding: chunked to HTTP/1.1 clients. */
public record Resource(String contentType, byte[] body, boolean chunked) {
    public Resource {
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(body);
    }

    public static Resource text(String contentType, String text) {
        return new Resource(contentType, text.getBytes(StandardCharsets.UTF_8), false);
    }

    public Resource asChunked() { return new Resource(contentType, body, true); }

    /** Content type from the file name extension. */
    public static String typeFor(String path) {
        String p = path.toLowerCase(java.util.Locale.ROOT);
        if (p.endsWith(".html") || p.endsWith(".htm")) return "text/html";
        if (p.endsWith(".css")) return "text/css";
        if (p.endsWith(".js")) return "application/javascript";
        if (p.endsWith(".png")) return "image/png";
        if (p.endsWith(".gif")) return "image/gif";
        if (p.endsWith(".jpg") || p.endsWith(".jpeg")) return "image/jpeg";
        if (p.endsWith(".svg")) return "image/svg+xml";
        if (p.endsWith(".txt")) return "text/plain";
        if (p.endsWith(".json")) return "application/json";
        return "application/octet-stream";
    }
}
