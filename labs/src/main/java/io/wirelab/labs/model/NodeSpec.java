package io.wirelab.labs.model;

import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/**
 * A device of the lab. For hosts: interfaces (at least eth0), optional default gateway, DNS servers
 * for the stub resolver, and services. For switches: interfaces are the ports p1..pN and
 * macAgingNanos is the MAC table's aging time; gateway, dns and services stay empty. tcp holds the
 * host's TCP defaults (the lab's `defaults: tcp:` overlaid by the node's own `tcp:`); labSetsNagle
 * says whether either of them sets `nagle:`, which HTTP clients and servers follow only then (else
 * they set TCP_NODELAY, as curl and nginx do). proxy: the HTTP proxy the host's clients use, "host:port"
 * with host a device name, an address or a DNS name (null: none). routes are static routes of a host
 * or router, in file order; a router has interfaces with static addresses and no gateway, dns or services.
 * trust: certificates (DER) the host's HTTPS clients trust besides the lab CA (`trust:`).
 * macTableSize: how many addresses a switch's MAC table holds (`mac-table-size:`).
 */
public record NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                       List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                       PortRange ephemeralPorts, boolean labSetsNagle, String proxy, List<RouteSpec> routes, List<byte[]> trust,
                       int macTableSize) {
    /** The local ports TCP picks for outgoing connections (RFC 6056), inclusive. */
    public record PortRange(int first, int last) {
        public static final PortRange LINUX = new PortRange(32768, 60999);

        public PortRange {
            if (first < 1 || last > 65535 || first > last) throw new IllegalArgumentException("port range " + first + "-" + last);
        }

        @Override public String toString() { return first + "-" + last; }
    }

    /** A chassis switch's largest port count; more hosts than that are a tree of switches. */
    public static final int DEFAULT_SWITCH_PORTS = 8, MAX_SWITCH_PORTS = 1024;
    /**
     * A current access switch's MAC table (Catalyst 9200, Juniper EX2300: 16k entries; data-centre
     * switches hold 128k and more); past it new stations are not learned and frames to them flood.
     */
    public static final int DEFAULT_MAC_TABLE_SIZE = 16_384, MAX_MAC_TABLE_SIZE = 1 << 20;
    public static final long DEFAULT_MAC_AGING_NANOS = 300_000_000_000L;
    /** IEEE 802.1Q §8.8.3 allows up to 1,000,000 s; at least 1 s here (0 would never learn). */
    public static final long MIN_MAC_AGING_NANOS = 1_000_000_000L, MAX_MAC_AGING_NANOS = 1_000_000L * 1_000_000_000L;

    public NodeSpec {
        interfaces = List.copyOf(interfaces);
        dnsServers = List.copyOf(dnsServers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        trust = trust == null ? List.of() : List.copyOf(trust);
        if (services == null) services = ServicesSpec.NONE;
        if (tcp == null) tcp = TcpOptions.defaults();
        if (ephemeralPorts == null) ephemeralPorts = PortRange.LINUX;
        if (macTableSize < 1 || macTableSize > MAX_MAC_TABLE_SIZE) throw new IllegalArgumentException("MAC table size " + macTableSize);
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                    PortRange ephemeralPorts, boolean labSetsNagle, String proxy, List<RouteSpec> routes, List<byte[]> trust) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, ephemeralPorts, labSetsNagle, proxy, routes, trust,
                DEFAULT_MAC_TABLE_SIZE);
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                    PortRange ephemeralPorts, boolean labSetsNagle, String proxy, List<RouteSpec> routes) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, ephemeralPorts, labSetsNagle, proxy, routes, List.of());
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                    PortRange ephemeralPorts, boolean labSetsNagle, String proxy) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, ephemeralPorts, labSetsNagle, proxy, List.of());
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                    PortRange ephemeralPorts, boolean labSetsNagle) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, ephemeralPorts, labSetsNagle, null);
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp,
                    PortRange ephemeralPorts) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, ephemeralPorts, false);
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos, TcpOptions tcp) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, tcp, PortRange.LINUX);
    }

    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, Ipv4Address gateway,
                    List<Ipv4Address> dnsServers, ServicesSpec services, long macAgingNanos) {
        this(name, kind, interfaces, gateway, dnsServers, services, macAgingNanos, TcpOptions.defaults());
    }

    public InterfaceSpec iface(String ifaceName) {
        for (InterfaceSpec i : interfaces) if (i.name().equals(ifaceName)) return i;
        return null;
    }

    public boolean isHost() { return kind.isHost(); }
}
