package io.wirelab.devices.proxy;

import io.wirelab.wire.http.HttpHeaders;
import io.wirelab.wire.http.HttpRequest;
import io.wirelab.wire.http.HttpVersion;
import java.util.Locale;

/** The header rules of a smart proxy, as pure functions over fields. */
public final class ProxyHeaders {
    private ProxyHeaders() {}

    /** Where an absolute-form request goes: "http://www.lab.test:8080/a?b" -> (www.lab.test, 8080, "/a?b"). */
    public record Target(String scheme, String host, int port, String originForm) {
        /** Host as the origin's Host field would name it (port only when not the scheme's default). */
        public String authority() { return host + (port == defaultPort(scheme) ? "" : ":" + port); }

        public String url() { return scheme + "://" + authority() + originForm; }
    }

    /** The absolute-form target of a request (RFC 9112 §3.2.2), or null when the target is not one. */
    public static Target absolute(String target) {
        int sep = target.indexOf("://");
        if (sep <= 0) return null;
        String scheme = target.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return null;
        int start = sep + 3;
        int end = start;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) end++;
        String authority = target.substring(start, end);
        if (authority.isEmpty() || authority.contains("@")) return null;                // RFC 9110 §4.2.4: no userinfo
        String rest = end < target.length() ? target.substring(end) : "/";
        if (rest.startsWith("?")) rest = "/" + rest;
        int hash = rest.indexOf('#');
        if (hash >= 0) rest = rest.substring(0, hash);
        HostPort hp = hostPort(authority, defaultPort(scheme));
        return hp == null ? null : new Target(scheme, hp.host(), hp.port(), rest);
    }

    /** host[:port] (authority-form, RFC 9112 §3.2.3, or a Host field), or null when malformed. */
    public record HostPort(String host, int port) {}

    public static HostPort hostPort(String authority, int defaultPort) {
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        int port = defaultPort;
        if (colon >= 0) {
            String p = authority.substring(colon + 1);
            if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) return null;
            port = Integer.parseInt(p);
            if (port < 1 || port > 65535) return null;
        }
        if (host.isEmpty()) return null;
        return new HostPort(host.toLowerCase(Locale.ROOT), port);
    }

    static int defaultPort(String scheme) { return scheme.equals("https") ? 443 : 80; }

    /**
     * Whether the client wants its connection to the proxy kept open: "close" in Connection or
     * Proxy-Connection ends it; else HTTP/1.1 persists by default (RFC 9112 §9.3) and HTTP/1.0 only
     * with keep-alive in either field (RFC 2068 §19.7.1; Proxy-Connection as browsers sent it to proxies).
     */
    public static boolean clientWantsKeepAlive(HttpRequest req) {
        HttpHeaders h = req.headers();
        if (h.hasToken("Connection", "close") || h.hasToken("Proxy-Connection", "close")) return false;
        if (req.version().atLeast11()) return true;
        return h.hasToken("Connection", "keep-alive") || h.hasToken("Proxy-Connection", "keep-alive");
    }

    /**
     * The fields to pass on: without the hop-by-hop fields and every field named in Connection
     * (RFC 9110 §7.6.1), with this proxy appended to Via (RFC 9110 §7.6.3: "1.1 proxy1", the
     * received message's version).
     */
    public static HttpHeaders forward(HttpHeaders h, HttpVersion received, String proxyName) {
        HttpHeaders out = h.endToEnd();
        String via = received.major() + "." + received.minor() + " " + proxyName;
        String before = out.get("Via");
        return before == null ? out.with("Via", via) : out.set("Via", String.join(", ", out.getAll("Via")) + ", " + via);
    }

    /** How many fields forward() drops. */
    public static int removedCount(HttpHeaders h) { return h.size() - h.endToEnd().size(); }
}
