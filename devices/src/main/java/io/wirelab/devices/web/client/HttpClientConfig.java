package io.wirelab.devices.web.client;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpLimits;

/**
 * http10KeepAlive: send HTTP/1.0 requests with Connection: Keep-Alive (the pre-1.1 extension).
 * maxRetries: automatic retries of an idempotent request whose persistent connection closed before
 * any of its response arrived (RFC 9112 §9.3.1); never applied to non-idempotent methods.
 * proxy: send every request through this HTTP proxy (null: straight to the origin): http URLs in
 * absolute form (RFC 9112 §3.2.2), https URLs through a CONNECT tunnel (RFC 9110 §9.3.6).
 * proxyConnection: ask a proxy for a persistent connection with Proxy-Connection: keep-alive instead
 * of Connection: keep-alive, as Netscape-era browsers did to get past dumb proxies.
 */
public record HttpClientConfig(ConnectionPolicy policy, boolean http10KeepAlive, HttpLimits limits,
                               long responseTimeoutNanos, int maxRetries, String userAgent, ProxyAddress proxy,
                               boolean proxyConnection) {
    public HttpClientConfig {
        if (responseTimeoutNanos <= 0 || maxRetries < 0) throw new IllegalArgumentException("client config");
    }

    /** An HTTP proxy: a host name or address and a port. */
    public record ProxyAddress(String host, int port) {
        public ProxyAddress {
            if (host == null || host.isBlank() || port < 1 || port > 65535) throw new IllegalArgumentException("proxy " + host + ":" + port);
        }

        /** "proxy1:3128" or "10.0.0.3:3128"; the port is required. */
        public static ProxyAddress parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) throw new IllegalArgumentException("a proxy is host:port, e.g. proxy1:3128, not '" + text + "'");
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a proxy is host:port, e.g. proxy1:3128, not '" + text + "'");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("proxy port " + port + " is not 1..65535");
            return new ProxyAddress(text.substring(0, colon), port);
        }

        @Override public String toString() { return host + ":" + port; }
    }

    public static HttpClientConfig defaults() {
        return new HttpClientConfig(ConnectionPolicy.persistent(), false, HttpLimits.defaults(), SimTime.seconds(30), 1, "wirelab/0.1", null, false);
    }

    public HttpClientConfig withPolicy(ConnectionPolicy p) { return new HttpClientConfig(p, http10KeepAlive, limits, responseTimeoutNanos, maxRetries, userAgent, proxy, proxyConnection); }
    public HttpClientConfig withHttp10KeepAlive(boolean b) { return new HttpClientConfig(policy, b, limits, responseTimeoutNanos, maxRetries, userAgent, proxy, proxyConnection); }
    public HttpClientConfig withMaxRetries(int n) { return new HttpClientConfig(policy, http10KeepAlive, limits, responseTimeoutNanos, n, userAgent, proxy, proxyConnection); }
    public HttpClientConfig withResponseTimeout(long n) { return new HttpClientConfig(policy, http10KeepAlive, limits, n, maxRetries, userAgent, proxy, proxyConnection); }
    public HttpClientConfig withUserAgent(String ua) { return new HttpClientConfig(policy, http10KeepAlive, limits, responseTimeoutNanos, maxRetries, ua, proxy, proxyConnection); }
    public HttpClientConfig withProxy(ProxyAddress p) { return new HttpClientConfig(policy, http10KeepAlive, limits, responseTimeoutNanos, maxRetries, userAgent, p, proxyConnection); }
    public HttpClientConfig withProxyConnection(boolean b) { return new HttpClientConfig(policy, http10KeepAlive, limits, responseTimeoutNanos, maxRetries, userAgent, proxy, b); }
}
