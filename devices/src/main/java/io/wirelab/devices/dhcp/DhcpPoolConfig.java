package io.wirelab.devices.dhcp;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One address pool: the subnet it serves, the range handed out, the options sent with every lease
 * (RFC 2132 §3.3, §3.5, §3.8, §3.17) and static reservations by MAC.
 */
public record DhcpPoolConfig(Ipv4Cidr subnet, Ipv4Address rangeFirst, Ipv4Address rangeLast,
                             List<Ipv4Address> routers, List<Ipv4Address> dnsServers, String domainName,
                             long leaseSeconds, Map<MacAddress, Ipv4Address> reservations) {
    public DhcpPoolConfig {
        if (rangeFirst.compareTo(rangeLast) > 0) throw new IllegalArgumentException("range " + rangeFirst + ".." + rangeLast + " is empty");
        if (!subnet.contains(rangeFirst) || !subnet.contains(rangeLast))
            throw new IllegalArgumentException("range " + rangeFirst + ".." + rangeLast + " is outside " + subnet.network() + "/" + subnet.prefixLength());
        if (leaseSeconds < 1 || leaseSeconds > 0xffff_fffeL) throw new IllegalArgumentException("lease time " + leaseSeconds + " s");
        routers = List.copyOf(routers);
        dnsServers = List.copyOf(dnsServers);
        reservations = new TreeMap<>(reservations);
        for (Ipv4Address a : reservations.values())
            if (!subnet.contains(a)) throw new IllegalArgumentException("reservation " + a + " is outside the pool's subnet");
    }

    /** A pool on subnet with the range, one router and DNS server (either may be null), no reservations. */
    public static DhcpPoolConfig of(String subnet, String first, String last, String router, String dns, String domain, long leaseSeconds) {
        return new DhcpPoolConfig(Ipv4Cidr.parse(subnet), Ipv4Address.parse(first), Ipv4Address.parse(last),
                router == null ? List.of() : List.of(Ipv4Address.parse(router)),
                dns == null ? List.of() : List.of(Ipv4Address.parse(dns)), domain, leaseSeconds, Map.of());
    }

    public DhcpPoolConfig withReservation(MacAddress mac, Ipv4Address address) {
        Map<MacAddress, Ipv4Address> r = new TreeMap<>(reservations);
        r.put(mac, address);
        return new DhcpPoolConfig(subnet, rangeFirst, rangeLast, routers, dnsServers, domainName, leaseSeconds, r);
    }

    public int size() { return rangeLast.bits() - rangeFirst.bits() + 1; }
}
