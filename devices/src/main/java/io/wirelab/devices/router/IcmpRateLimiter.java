package io.wirelab.devices.router;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 1812 §4.3.2.8 rate limit on ICMP errors, as Linux does it (inet_peer_xrlim_allow with
 * net.ipv4.icmp_ratelimit = 1000 ms): a token bucket per destination that refills one error per
 * interval and holds at most BURST, full for a destination not seen before.
 */
final class IcmpRateLimiter {
    /** Linux net.ipv4.icmp_ratelimit default. */
    static final long DEFAULT_INTERVAL_NANOS = SimTime.seconds(1);
    /** Linux XRLIM_BURST_FACTOR. */
    static final int BURST = 6;
    /** Destinations remembered; the least recently used is forgotten first (Linux inet_peer GC). */
    private static final int MAX_PEERS = 1024;

    private static final class Bucket {
        long tokens;
        long lastNanos;
    }

    private final long intervalNanos;
    private final Map<Ipv4Address, Bucket> peers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Ipv4Address, Bucket> eldest) { return size() > MAX_PEERS; }
    };

    /** intervalNanos 0 turns the limit off (icmp_ratelimit = 0). */
    IcmpRateLimiter(long intervalNanos) { this.intervalNanos = intervalNanos; }

    /** Whether an error to destination may go now; takes one token if so. */
    boolean allow(Ipv4Address destination, long now) {
        if (intervalNanos == 0) return true;
        Bucket b = peers.get(destination);
        if (b == null) {
            b = new Bucket();
            b.lastNanos = now - BURST * intervalNanos;   // a new peer starts with a full bucket
            peers.put(destination, b);
        }
        long tokens = Math.min(b.tokens + (now - b.lastNanos), BURST * intervalNanos);
        b.lastNanos = now;
        boolean allowed = tokens >= intervalNanos;
        b.tokens = allowed ? tokens - intervalNanos : tokens;
        return allowed;
    }
}
