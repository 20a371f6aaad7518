package io.wirelab.devices.proxy;

/**
 * SMART: an HTTP/1.1 proxy (RFC 9110 §7.6, RFC 9112 §9): reads each request, drops the hop-by-hop
 * fields, adds Via, keeps its own persistent connections to clients and origins. DUMB: a blind
 * relay of the 1990s: it reads the first request only to learn where to connect, passes its bytes
 * on unchanged (Connection: keep-alive included), then relays the origin's bytes until the origin
 * closes, ignoring anything more the client sends (HTTP: The Definitive Guide §4.5.6).
 */
public enum ProxyMode {
    SMART, DUMB;

    /** "smart" or "dumb". */
    public String yamlName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
