package io.wirelab.labs.model;

import java.util.List;

/** An HTTP/1.1 server on port (default 80) serving the pages listed, in file order. */
public record WebServerSpec(int port, List<Page> pages) {
    public static final int DEFAULT_PORT = 80;

    public WebServerSpec {
        pages = List.copyOf(pages);
    }

    /** A page: a fixed body (text) or, when body is null, sizeBytes of generated content. */
    public record Page(String path, String body, long sizeBytes) {}
}
