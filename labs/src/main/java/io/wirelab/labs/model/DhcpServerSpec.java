package io.wirelab.labs.model;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/**
 * A DHCP server (RFC 2131): leases from poolFirst..poolLast (inclusive), hands out router (option 3),
 * DNS servers (option 6) and domain (option 15); leaseNanos is the lease time (option 51).
 */
public record DhcpServerSpec(Ipv4Address poolFirst, Ipv4Address poolLast, Ipv4Address router,
                             List<Ipv4Address> dnsServers, String domain, long leaseNanos) {
    public static final long DEFAULT_LEASE_NANOS = 3_600_000_000_000L;
    /** The lease time option counts whole seconds (RFC 2132 §9.2). */
    public static final long MIN_LEASE_NANOS = 1_000_000_000L;
    /** The option is 32 bits of seconds; 0xffffffff means infinity (RFC 2132 §9.2), so 2^32 - 2 s is the longest lease. */
    public static final long MAX_LEASE_NANOS = 0xffff_fffeL * 1_000_000_000L;

    public DhcpServerSpec {
        dnsServers = List.copyOf(dnsServers);
    }

    public int poolSize() { return poolLast.bits() - poolFirst.bits() + 1; }
}
