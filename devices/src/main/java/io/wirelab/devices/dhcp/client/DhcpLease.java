package io.wirelab.devices.dhcp.client;

import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.List;

/** What a client got from an ACK; times are virtual nanoseconds. */
public record DhcpLease(Ipv4Cidr address, Ipv4Address server, List<Ipv4Address> routers, List<Ipv4Address> dnsServers,
                        String domainName, long leaseSeconds, long t1AtNanos, long t2AtNanos, long expiresAtNanos,
                        long acquiredAtNanos) {
    public DhcpLease {
        routers = List.copyOf(routers);
        dnsServers = List.copyOf(dnsServers);
    }

    public Ipv4Address ip() { return address.address(); }
}
