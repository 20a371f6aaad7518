package io.wirelab.devices.dns.resolver;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/** resolv.conf in a record: nameservers, search domains, per-try timeout and attempts per server. */
public record ResolverConfig(List<Ipv4Address> servers, List<String> search, long timeoutNanos, int attempts, int ndots) {
    public ResolverConfig {
        servers = List.copyOf(servers);
        search = List.copyOf(search);
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
    }

    /** glibc defaults: timeout 5 s, attempts 2, ndots 1. */
    public static ResolverConfig defaults() { return new ResolverConfig(List.of(), List.of(), SimTime.seconds(5), 2, 1); }

    public ResolverConfig withServers(List<Ipv4Address> s) { return new ResolverConfig(s, search, timeoutNanos, attempts, ndots); }
    public ResolverConfig withSearch(List<String> s) { return new ResolverConfig(servers, s, timeoutNanos, attempts, ndots); }
    public ResolverConfig withTimeout(long nanos, int tries) { return new ResolverConfig(servers, search, nanos, tries, ndots); }
}
