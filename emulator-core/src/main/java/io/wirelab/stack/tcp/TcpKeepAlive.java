package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * TCP keep-alive settings (RFC 1122 §4.2.3.6): off unless the application asks (SO_KEEPALIVE); after
 * idleNanos without a segment from the peer, probe every intervalNanos, reset after probes unanswered.
 *
 * @param enabled        SO_KEEPALIVE. RFC 1122: "MUST default to off".
 * @param idleNanos      TCP_KEEPIDLE; RFC 1122: "MUST default to no less than two hours". Linux 7200 s.
 * @param intervalNanos  TCP_KEEPINTVL, Linux 75 s.
 * @param probes         TCP_KEEPCNT, Linux 9.
 */
public record TcpKeepAlive(boolean enabled, long idleNanos, long intervalNanos, int probes) {
    /** Linux TCP_KEEPALIVE_TIME / _INTVL / _PROBES (include/net/tcp.h), off. */
    public static final TcpKeepAlive LINUX = new TcpKeepAlive(false, SimTime.seconds(7200), SimTime.seconds(75), 9);

    public TcpKeepAlive {
        if (idleNanos <= 0 || intervalNanos <= 0) throw new IllegalArgumentException("keep-alive times must be > 0");
        if (probes < 1 || probes > 127) throw new IllegalArgumentException("keep-alive probes " + probes + " is not in 1..127");   // Linux MAX_TCP_KEEPCNT
    }

    public TcpKeepAlive withEnabled(boolean v) { return new TcpKeepAlive(v, idleNanos, intervalNanos, probes); }
    public TcpKeepAlive withIdleNanos(long v) { return new TcpKeepAlive(enabled, v, intervalNanos, probes); }
    public TcpKeepAlive withIntervalNanos(long v) { return new TcpKeepAlive(enabled, idleNanos, v, probes); }
    public TcpKeepAlive withProbes(int v) { return new TcpKeepAlive(enabled, idleNanos, intervalNanos, v); }
}
