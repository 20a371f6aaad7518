package io.wirelab.devices.web;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpLimits;

/**
 * Server behaviour. idleTimeoutNanos: a persistent connection with no request in progress is
 * closed after this (announced as Keep-Alive: timeout=). maxRequests: requests per connection
 * (announced as Keep-Alive: max=). epochSeconds: the wall time that virtual time 0 stands for (Date).
 */
public record HttpServerConfig(HttpLimits limits, long idleTimeoutNanos, int maxRequests, CloseMode closeMode,
                               long lingerNanos, long epochSeconds, String serverName, long processingNanos) {
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_EPOCH = 1_767_225_600L;

    public HttpServerConfig {
        if (idleTimeoutNanos <= 0 || maxRequests < 1 || lingerNanos < 0 || processingNanos < 0)
            throw new IllegalArgumentException("bad server config");
    }

    public static HttpServerConfig defaults() {
        return new HttpServerConfig(HttpLimits.defaults(), SimTime.seconds(5), 100, CloseMode.GRACEFUL,
                SimTime.seconds(2), DEFAULT_EPOCH, "wirelab-httpd", 0);
    }

    public HttpServerConfig withIdleTimeout(long n) { return new HttpServerConfig(limits, n, maxRequests, closeMode, lingerNanos, epochSeconds, serverName, processingNanos); }
    public HttpServerConfig withMaxRequests(int n) { return new HttpServerConfig(limits, idleTimeoutNanos, n, closeMode, lingerNanos, epochSeconds, serverName, processingNanos); }
    public HttpServerConfig withCloseMode(CloseMode m) { return new HttpServerConfig(limits, idleTimeoutNanos, maxRequests, m, lingerNanos, epochSeconds, serverName, processingNanos); }
    public HttpServerConfig withLimits(HttpLimits l) { return new HttpServerConfig(l, idleTimeoutNanos, maxRequests, closeMode, lingerNanos, epochSeconds, serverName, processingNanos); }
    public HttpServerConfig withProcessing(long n) { return new HttpServerConfig(limits, idleTimeoutNanos, maxRequests, closeMode, lingerNanos, epochSeconds, serverName, n); }
    public HttpServerConfig withEpoch(long seconds) { return new HttpServerConfig(limits, idleTimeoutNanos, maxRequests, closeMode, lingerNanos, seconds, serverName, processingNanos); }
    public HttpServerConfig withLinger(long n) { return new HttpServerConfig(limits, idleTimeoutNanos, maxRequests, closeMode, n, epochSeconds, serverName, processingNanos); }
}
