package io.wirelab.labs.yaml;

import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.RouteSpec;
import io.wirelab.labs.model.ServicesSpec;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A device as read so far, with where it stands in the file; NodesReader turns it into a NodeSpec. */
final class NodeDraft {
    /** An interface; mac is null for an automatic one, macAt the mac value as written (or null). */
    record IfaceDraft(String name, Ipv4Cidr address, boolean dhcp, MacAddress mac, YNode macAt) {}

    final String name;
    final NodeKind kind;
    final YEntry entry;
    /** 1-based position in the file, which numbers automatic MACs. */
    final int number;
    final List<IfaceDraft> ifaces = new ArrayList<>();
    int ports;
    long aging = NodeSpec.DEFAULT_MAC_AGING_NANOS;
    int macTableSize = NodeSpec.DEFAULT_MAC_TABLE_SIZE;
    Ipv4Address gateway;
    final List<RouteSpec> routes = new ArrayList<>();
    /** A router's DHCP relay servers by interface, and where each relay was written. */
    final Map<String, List<Ipv4Address>> relays = new LinkedHashMap<>();
    final Map<String, YNode> relayAt = new LinkedHashMap<>();
    List<Ipv4Address> dns = List.of();
    ServicesSpec services = ServicesSpec.NONE;
    TcpSettings tcp;
    String hostInterface;
    /** Certificates (DER) from trust:. */
    List<byte[]> trust = List.of();
    /** `proxy:` as written ("proxy1:3128"), and where. */
    String proxy;
    YNode proxyAt;

    NodeDraft(String name, NodeKind kind, YEntry entry, int number, TcpSettings tcp) {
        this.name = name;
        this.kind = kind;
        this.entry = entry;
        this.number = number;
        this.tcp = tcp;
    }

    List<String> ifaceNames() {
        if (kind == NodeKind.SWITCH) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= ports; i++) names.add("p" + i);
            return names;
        }
        if (kind == NodeKind.BRIDGE) return hostInterface == null ? List.of() : List.of(hostInterface);
        return ifaces.stream().map(IfaceDraft::name).toList();
    }

    List<Ipv4Cidr> staticAddresses() { return ifaces.stream().map(IfaceDraft::address).filter(a -> a != null).toList(); }

    /** The device's name where it is declared, to report a problem of the whole device at. */
    YNode nameNode() { return new YScalar(name, entry.line(), entry.column()); }
}
