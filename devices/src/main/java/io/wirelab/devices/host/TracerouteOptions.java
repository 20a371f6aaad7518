package io.wirelab.devices.host;

import io.wirelab.sim.SimTime;

/**
 * traceroute(8) settings, its defaults: 30 hops (-m), 3 probes per hop (-q), 5 s wait (-w), UDP to
 * port 33434 and up (-p), 60-byte packets (32 bytes of UDP data), first TTL 1 (-f).
 */
public record TracerouteOptions(int maxHops, int probesPerHop, long waitNanos, int basePort, int dataBytes, int firstTtl) {
    public static final int DEFAULT_PORT = 33434;

    public TracerouteOptions {
        if (maxHops < 1 || maxHops > 255) throw new IllegalArgumentException("max hops must be 1..255, got " + maxHops);
        if (firstTtl < 1 || firstTtl > maxHops) throw new IllegalArgumentException("first ttl must be 1.." + maxHops + ", got " + firstTtl);
        if (probesPerHop < 1 || probesPerHop > 10) throw new IllegalArgumentException("probes per hop must be 1..10, got " + probesPerHop);
        if (waitNanos <= 0) throw new IllegalArgumentException("wait must be positive");
        if (basePort < 1 || basePort + maxHops * probesPerHop > 0xffff) throw new IllegalArgumentException("port " + basePort + " leaves no room for the probes");
        if (dataBytes < 0 || dataBytes > 1472) throw new IllegalArgumentException("data bytes must be 0..1472, got " + dataBytes);
    }

    public static TracerouteOptions defaults() { return new TracerouteOptions(30, 3, SimTime.seconds(5), DEFAULT_PORT, 32, 1); }

    public TracerouteOptions withMaxHops(int n) { return new TracerouteOptions(n, probesPerHop, waitNanos, basePort, dataBytes, Math.min(firstTtl, n)); }
    public TracerouteOptions withProbesPerHop(int n) { return new TracerouteOptions(maxHops, n, waitNanos, basePort, dataBytes, firstTtl); }
    public TracerouteOptions withWait(long nanos) { return new TracerouteOptions(maxHops, probesPerHop, nanos, basePort, dataBytes, firstTtl); }
    public TracerouteOptions withBasePort(int p) { return new TracerouteOptions(maxHops, probesPerHop, waitNanos, p, dataBytes, firstTtl); }
    public TracerouteOptions withFirstTtl(int t) { return new TracerouteOptions(maxHops, probesPerHop, waitNanos, basePort, dataBytes, t); }
}
