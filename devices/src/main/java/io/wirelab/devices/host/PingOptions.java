package io.wirelab.devices.host;

import io.wirelab.sim.SimTime;

/**
 * ping(8)'s knobs: -c count, -i interval, -W timeout per reply, -s payload bytes, -t ttl.
 * payloadBytes is the ICMP data after the 8-byte header (56 by default gives 84-byte IP datagrams).
 */
public record PingOptions(int count, long intervalNanos, long timeoutNanos, int payloadBytes, int ttl) {
    public PingOptions {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1");
        if (intervalNanos < 0 || timeoutNanos <= 0) throw new IllegalArgumentException("interval must be >= 0 and timeout > 0");
        if (payloadBytes < 0 || payloadBytes > 65507 - 8) throw new IllegalArgumentException("payload " + payloadBytes + " is not in 0..65499");
        if (ttl < 1 || ttl > 255) throw new IllegalArgumentException("ttl " + ttl + " is not in 1..255");
    }

    /** 4 pings, 1 s apart, 1 s timeout, 56 bytes, TTL 64. */
    public static PingOptions defaults() { return new PingOptions(4, SimTime.SECOND, SimTime.SECOND, 56, 64); }

    public PingOptions withCount(int c) { return new PingOptions(c, intervalNanos, timeoutNanos, payloadBytes, ttl); }
    public PingOptions withInterval(long ns) { return new PingOptions(count, ns, timeoutNanos, payloadBytes, ttl); }
    public PingOptions withTimeout(long ns) { return new PingOptions(count, intervalNanos, ns, payloadBytes, ttl); }
    public PingOptions withPayloadBytes(int n) { return new PingOptions(count, intervalNanos, timeoutNanos, n, ttl); }
    public PingOptions withTtl(int t) { return new PingOptions(count, intervalNanos, timeoutNanos, payloadBytes, t); }
    public static long seconds(double s) { return SimTime.seconds(s); }
}
