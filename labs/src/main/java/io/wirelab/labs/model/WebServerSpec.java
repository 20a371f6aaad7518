package io.wirelab.labs.model;

import io.wirelab.devices.web.ServerFault;

import java.nio.file.Path;
import java.util.List;

/**
 * An HTTP/1.1 server on port (default 80) serving the pages listed, in file order, and the files
 * of directory (absolute; null when none). names: extra host names it answers to and that go into
 * its certificate, besides the DNS names the lab's zones give its addresses. httpsPort: 0 for no
 * HTTPS, else the port (443). keepAliveTimeoutNanos / keepAliveMax: 0 for the server defaults.
 * abruptClose: close connections at once (a reset with unread requests) instead of gracefully.
 * sites: further sites chosen by the request's Host (virtual hosts); their names join the certificate.
 * fault: how every response of the main site misbehaves (ServerFault.NONE: it does not), unless its
 * page has a fault of its own.
 */
public record WebServerSpec(int port, List<Page> pages, List<String> names, int httpsPort, Path directory,
                            long keepAliveTimeoutNanos, int keepAliveMax, boolean abruptClose, List<VirtualSite> sites,
                            ServerFault fault) {
    public static final int DEFAULT_PORT = 80;
    public static final int DEFAULT_HTTPS_PORT = 443;
    public static final int MAX_PORT = 65535;
    /** keepAliveMax: requests on one connection before the server closes it. */
    public static final int MAX_KEEPALIVE_REQUESTS = 1_000_000;
    /** One page's body or generated size; pages are held in memory. */
    public static final long MAX_PAGE_BYTES = 64L << 20;
    /** keepalive-timeout: 1 ns up to an hour. */
    public static final long MAX_KEEPALIVE_TIMEOUT_NANOS = 3_600_000_000_000L;

    public WebServerSpec {
        pages = List.copyOf(pages);
        names = List.copyOf(names);
        sites = List.copyOf(sites);
        if (fault == null) fault = ServerFault.NONE;
    }

    public WebServerSpec(int port, List<Page> pages, List<String> names, int httpsPort, Path directory,
                         long keepAliveTimeoutNanos, int keepAliveMax, boolean abruptClose, List<VirtualSite> sites) {
        this(port, pages, names, httpsPort, directory, keepAliveTimeoutNanos, keepAliveMax, abruptClose, sites, ServerFault.NONE);
    }

    public WebServerSpec(int port, List<Page> pages, List<String> names, int httpsPort, Path directory,
                         long keepAliveTimeoutNanos, int keepAliveMax, boolean abruptClose) {
        this(port, pages, names, httpsPort, directory, keepAliveTimeoutNanos, keepAliveMax, abruptClose, List.of());
    }

    public WebServerSpec(int port, List<Page> pages) { this(port, pages, List.of(), 0, null, 0, 0, false); }

    /** A name-based virtual host: requests whose Host is name get these pages and files instead, with its fault. */
    public record VirtualSite(String name, List<Page> pages, Path directory, ServerFault fault) {
        public VirtualSite {
            pages = List.copyOf(pages);
            if (fault == null) fault = ServerFault.NONE;
        }

        public VirtualSite(String name, List<Page> pages, Path directory) { this(name, pages, directory, ServerFault.NONE); }
    }

    public boolean https() { return httpsPort > 0; }

    /** A page: a fixed body (text) or, when body is null, sizeBytes of generated content; fault: its own (null: its site's). */
    public record Page(String path, String body, long sizeBytes, ServerFault fault) {
        public Page(String path, String body, long sizeBytes) { this(path, body, sizeBytes, null); }
    }
}
