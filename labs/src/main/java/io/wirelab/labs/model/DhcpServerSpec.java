package io.wirelab.labs.model;

import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.List;

/**
 * A DHCP server (RFC 2131) with one pool per subnet it serves: its own subnet and, through relay
 * agents (RFC 2131 §4.3.1: the pool is chosen by giaddr), remote ones. The single-pool accessors
 * (poolFirst() ...) read the first pool.
 */
public record DhcpServerSpec(List<Pool> pools) {
    public static final long DEFAULT_LEASE_NANOS = 3_600_000_000_000L;
    /** The lease time option counts whole seconds (RFC 2132 §9.2). */
    public static final long MIN_LEASE_NANOS = 1_000_000_000L;
    /** The option is 32 bits of seconds; 0xffffffff means infinity (RFC 2132 §9.2), so 2^32 - 2 s is the longest lease. */
    public static final long MAX_LEASE_NANOS = 0xffff_fffeL * 1_000_000_000L;

    /**
     * Leases first..last (inclusive) of subnet, handing out router (option 3), DNS servers (option 6),
     * domain (option 15) and the lease time (option 51). subnet null: the server's own subnet that holds the range.
     */
    public record Pool(Ipv4Cidr subnet, Ipv4Address first, Ipv4Address last, Ipv4Address router,
                       List<Ipv4Address> dnsServers, String domain, long leaseNanos) {
        public Pool {
            dnsServers = List.copyOf(dnsServers);
            if (subnet != null) subnet = new Ipv4Cidr(subnet.network(), subnet.prefixLength());
        }

        public int size() { return last.bits() - first.bits() + 1; }
    }

    public DhcpServerSpec {
        if (pools.isEmpty()) throw new IllegalArgumentException("a DHCP server needs a pool");
        pools = List.copyOf(pools);
    }

    /** One pool in the server's own subnet. */
    public DhcpServerSpec(Ipv4Address poolFirst, Ipv4Address poolLast, Ipv4Address router,
                          List<Ipv4Address> dnsServers, String domain, long leaseNanos) {
        this(List.of(new Pool(null, poolFirst, poolLast, router, dnsServers, domain, leaseNanos)));
    }

    public Ipv4Address poolFirst() { return pools.getFirst().first(); }
    public Ipv4Address poolLast() { return pools.getFirst().last(); }
    public Ipv4Address router() { return pools.getFirst().router(); }
    public List<Ipv4Address> dnsServers() { return pools.getFirst().dnsServers(); }
    public String domain() { return pools.getFirst().domain(); }
    public long leaseNanos() { return pools.getFirst().leaseNanos(); }
    public int poolSize() { return pools.getFirst().size(); }
}
