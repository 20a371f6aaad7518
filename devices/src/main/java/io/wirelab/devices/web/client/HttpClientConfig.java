package io.wirelab.devices.web.client;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpLimits;

/**
 * http10KeepAlive: send HTTP/1.0 requests with Connection: Keep-Alive (the pre-1.1 extension).
 * maxRetries: automatic retries of an idempotent request whose persistent connection closed before
 * any of its response arrived (RFC 9112 §9.3.1); never applied to non-idempotent methods.
 */
public record HttpClientConfig(ConnectionPolicy policy, boolean http10KeepAlive, HttpLimits limits,
                               long responseTimeoutNanos, int maxRetries, String userAgent) {
    public HttpClientConfig {
        if (responseTimeoutNanos <= 0 || maxRetries < 0) throw new IllegalArgumentException("client config");
    }

    public static HttpClientConfig defaults() {
        return new HttpClientConfig(ConnectionPolicy.persistent(), false, HttpLimits.defaults(), SimTime.seconds(30), 1, "wirelab/0.1");
    }

    public HttpClientConfig withPolicy(ConnectionPolicy p) { return new HttpClientConfig(p, http10KeepAlive, limits, responseTimeoutNanos, maxRetries, userAgent); }
    public HttpClientConfig withHttp10KeepAlive(boolean b) { return new HttpClientConfig(policy, b, limits, responseTimeoutNanos, maxRetries, userAgent); }
    public HttpClientConfig withMaxRetries(int n) { return new HttpClientConfig(policy, http10KeepAlive, limits, responseTimeoutNanos, n, userAgent); }
    public HttpClientConfig withResponseTimeout(long n) { return new HttpClientConfig(policy, http10KeepAlive, limits, n, maxRetries, userAgent); }
}
