package io.wirelab.labs.yaml;

import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.RouteSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.yaml.NodeDraft.IfaceDraft;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the `nodes:` section: each device's kind and keys (pc and server: interfaces, addresses,
 * MACs, gateway, routes, DNS, services, tcp; switch: ports, aging; router: interfaces, routes;
 * bridge: the host interface), and gives
 * every host interface without a MAC its automatic one. Checks within one device happen here;
 * checks across devices (duplicate addresses and MACs) are LabValidator's.
 */
final class NodesReader {
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern IFACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    /** A Linux interface name: at most 15 bytes (IFNAMSIZ), no '/', ':' or blanks. */
    private static final Pattern HOST_IFACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,14}");
    private static final Pattern CIDR = Pattern.compile(LabLimits.IPV4_PATTERN + "/" + LabLimits.PREFIX_PATTERN);
    private static final Set<String> RESERVED_NAMES = Set.of("lab", "all");

    private final ValueReader values;
    private final Problems problems;
    private final TcpSectionReader tcp;
    private final ServicesReader services;
    private final TrustReader trust;
    private final Map<String, NodeDraft> nodes = new LinkedHashMap<>();

    NodesReader(ValueReader values, TcpSectionReader tcp, ServicesReader services, TrustReader trust) {
        this.trust = trust;
        this.values = values;
        this.problems = values.problems;
        this.tcp = tcp;
        this.services = services;
    }

    /** The devices read, by name in file order; hosts' tcp settings are read over tcpDefaults. */
    Map<String, NodeDraft> read(YNode nodesNode, TcpSettings tcpDefaults) {
        if (!(nodesNode instanceof YMap map)) {
            problems.add(nodesNode, "'nodes' must be a map from device name to its settings", "e.g. nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } }");
            return nodes;
        }
        long total = 0;
        for (YEntry e : map.entries()) total += NodeGroup.isGroup(e.key()) ? groupSize(e.key()) : 1;
        if (total > LabLimits.MAX_NODES) {
            problems.add(nodesNode, "the lab has " + total + " nodes; the limit is " + LabLimits.MAX_NODES, "see docs/lab-format.md#limits");
            return nodes;
        }
        int number = 0;
        for (YEntry e : map.entries()) {
            List<String> names = List.of(e.key());
            if (NodeGroup.isGroup(e.key())) {
                NodeGroup g = NodeGroup.parse(e.key(), e.line(), e.column(), problems, LabLimits.MAX_NODES, "device group");
                if (g == null || !membersMayShare(e, g)) continue;
                names = g.names();
            }
            int problemsBefore = problems.size();
            for (String name : names) {
                number++;
                readNode(e, name, number, tcpDefaults);
                if (problems.size() > problemsBefore) break;   // a group's members share one body: its problems once
            }
        }
        checkProxies();
        return nodes;
    }

    private void readNode(YEntry e, String name, int number, TcpSettings tcpDefaults) {
        if (!NODE_NAME.matcher(name).matches()) {
            problems.add(e.line(), e.column(), "device name '" + name + "' is not a valid name",
                    "device names become script variables: a letter, then letters, digits or '_'");
            return;
        }
        if (RESERVED_NAMES.contains(name)) {
            problems.add(e.line(), e.column(), "device name '" + name + "' is reserved", "choose another name; 'lab' and 'all' have a meaning in scripts and captures");
            return;
        }
        NodeDraft earlier = nodes.get(name);
        if (earlier != null) {
            problems.add(e.line(), e.column(), "device '" + name + "' is defined twice (also by '" + earlier.entry.key() + "' at line " + earlier.entry.line() + ")",
                    "a group pc1..pc200 makes the devices pc1, pc2, ..., pc200; give one of them another name or range");
            return;
        }
        if (!(e.value() instanceof YMap body)) {
            problems.add(e.value(), "device '" + name + "' needs a map of settings", "e.g. " + name + ": { kind: pc, ip: 10.0.0.1/24 }");
            return;
        }
        NodeKind kind = kind(name, body);
        if (kind == null) return;
        NodeDraft d = new NodeDraft(name, kind, e, number, tcpDefaults);
        if (kind == NodeKind.SWITCH) readSwitch(d, body);
        else if (kind == NodeKind.BRIDGE) readBridge(d, body);
        else if (kind == NodeKind.ROUTER) readRouter(d, body);
        else readHost(d, body);
        nodes.put(name, d);
    }

    /** Members of a group share one body, so it may give no address or MAC: only ip: dhcp or none. */
    private boolean membersMayShare(YEntry e, NodeGroup g) {
        if (g.size() == 1 || !(e.value() instanceof YMap body)) return true;
        List<YMap> bodies = new ArrayList<>(List.of(body));
        if (body.get("interfaces") instanceof YMap ifs)
            for (YEntry i : ifs.entries()) if (i.value() instanceof YMap m) bodies.add(m);
        for (YMap m : bodies) {
            for (String key : List.of("ip", "mac")) {
                YNode v = m.get(key);
                if (v == null || (key.equals("ip") && v instanceof YScalar sc && sc.text().equals("dhcp"))) continue;
                problems.add(v, "the " + g.size() + " members of " + g + " would share one " + (key.equals("ip") ? "address" : "MAC"),
                        "a group's hosts take ip: dhcp (or no address) and automatic MACs; write a device with its own address apart");
                return false;
            }
        }
        return true;
    }

    /** A group's member count for the node limit; 1 for a malformed one (its problem is reported when it is read). */
    private static long groupSize(String key) {
        NodeGroup g = NodeGroup.parse(key, 0, 0, new Problems(""), Long.MAX_VALUE, "device group");
        return g == null ? 1 : g.size();
    }

    private NodeKind kind(String name, YMap body) {
        YNode k = body.get("kind");
        List<String> kinds = List.of("pc", "server", "switch", "router", "bridge");
        if (k == null) {
            problems.add(body, "device '" + name + "' has no 'kind'", "kind is one of: pc, server, switch, router, bridge");
            return null;
        }
        String text = values.text(k, "a device kind");
        if (text == null) return null;
        NodeKind kind = NodeKind.fromYaml(text);
        if (kind == null) problems.add(k, "unknown device kind '" + text + "'", DidYouMean.hint(text, kinds));
        return kind;
    }

    private void readSwitch(NodeDraft d, YMap body) {
        values.checkKeysOfKind(body, LabYamlReader.SWITCH_KEYS, LabYamlReader.HOST_KEYS, "a switch");
        d.ports = NodeSpec.DEFAULT_SWITCH_PORTS;
        if (body.get("ports") != null) {
            Long p = values.integer(body.get("ports"), "ports", 1, NodeSpec.MAX_SWITCH_PORTS);
            if (p != null) d.ports = p.intValue();
        }
        if (body.get("aging") != null) {
            Long a = values.duration(body.get("aging"));
            if (a != null && values.checkRange(body.get("aging"), "aging", a, NodeSpec.MIN_MAC_AGING_NANOS, NodeSpec.MAX_MAC_AGING_NANOS, Setting.Kind.DURATION)) d.aging = a;
        }
        if (body.get("mac-table-size") != null) {
            Long n = values.integer(body.get("mac-table-size"), "mac-table-size", 1, NodeSpec.MAX_MAC_TABLE_SIZE);
            if (n != null) d.macTableSize = n.intValue();
        }
    }

    /** A real interface of the machine running the lab, reached through libpcap. */
    private void readBridge(NodeDraft d, YMap body) {
        List<String> others = new ArrayList<>(LabYamlReader.HOST_KEYS);
        others.addAll(LabYamlReader.SWITCH_KEYS);
        values.checkKeysOfKind(body, LabYamlReader.BRIDGE_KEYS, others, "a bridge");
        YNode i = body.get("interface");
        if (i == null) {
            problems.add(body, "bridge '" + d.name + "' needs the 'interface' it attaches to", "e.g. " + d.name + ": { kind: bridge, interface: veth0 }");
            return;
        }
        String name = values.text(i, "a host interface name such as veth0 or eth1");
        if (name == null) return;
        if (!HOST_IFACE.matcher(name).matches()) {
            problems.add(i, "'" + name + "' is not a network interface name", "Linux names have at most 15 characters, no '/', ':' or spaces (see: ip link)");
            return;
        }
        for (NodeDraft other : nodes.values()) {
            if (name.equals(other.hostInterface)) {
                problems.add(i, "interface " + name + " is already bridged by " + other.name, "bridge each host interface once");
                return;
            }
        }
        d.hostInterface = name;
    }

    private void readHost(NodeDraft d, YMap body) {
        values.checkKeysOfKind(body, LabYamlReader.HOST_KEYS, LabYamlReader.SWITCH_KEYS, "a " + d.kind);
        YNode interfaces = body.get("interfaces");
        if (interfaces != null && (body.get("ip") != null || body.get("mac") != null)) {
            problems.add(ValueReader.keyOf(body, body.get("ip") != null ? "ip" : "mac"), "'ip'/'mac' on the device and 'interfaces' exclude each other",
                    "put ip and mac under the interface, e.g. interfaces: { eth0: { ip: 10.0.0.1/24 } }");
        } else if (interfaces != null) {
            if (!(interfaces instanceof YMap im) || im.entries().isEmpty()) {
                problems.add(interfaces, "'interfaces' must be a map from interface name to its settings", "e.g. interfaces: { eth0: { ip: 10.0.0.1/24 }, eth1: { ip: dhcp } }");
            } else {
                for (YEntry ie : im.entries()) {
                    if (!IFACE_NAME.matcher(ie.key()).matches()) {
                        problems.add(ie.line(), ie.column(), "interface name '" + ie.key() + "' is not valid", "use a letter, then letters, digits, '.', '_' or '-' (no ':')");
                        continue;
                    }
                    YMap settings = null;
                    if (!(ie.value() instanceof YScalar sc && sc.isNull())) {
                        settings = values.optionalMap(ie.value(), "interface settings");
                        if (settings == null) continue;
                        values.checkKeys(settings, LabYamlReader.IFACE_KEYS, "an interface");
                    }
                    d.ifaces.add(iface(ie.key(), settings == null ? null : settings.get("ip"), settings == null ? null : settings.get("mac")));
                }
            }
        } else {
            d.ifaces.add(iface("eth0", body.get("ip"), body.get("mac")));
        }

        if (body.get("dns") != null) {
            d.dns = values.unicastAddresses(body.get("dns"), "DNS server");
        }
        if (body.get("gateway") != null) {
            Ipv4Address gw = values.unicastAddress(body.get("gateway"), "gateway");
            if (gw != null) {
                d.gateway = gw;
                checkGateway(d, gw, body.get("gateway"));
            }
        }
        if (body.get("routes") != null) readRoutes(d, body.get("routes"));
        if (body.get("services") != null) d.services = services.read(d, body.get("services"));
        if (body.get("tcp") != null) d.tcp = tcp.read(body.get("tcp"), "tcp settings", d.tcp);
        if (body.get("trust") != null) d.trust = trust.read(body.get("trust"));
        if (body.get("proxy") != null) {
            String t = values.text(body.get("proxy"), "host:port of an HTTP proxy, e.g. proxy1:3128");
            if (t != null) {
                try {
                    HttpClientConfig.ProxyAddress.parse(t.strip());
                    d.proxy = t.strip();
                    d.proxyAt = body.get("proxy");
                } catch (IllegalArgumentException e) {
                    problems.add(body.get("proxy"), e.getMessage(), "name a device, an address or a DNS name, then the proxy's port");
                }
            }
        }
    }

    /** A host's proxy: that names a device must name a host that runs a proxy on that port. */
    private void checkProxies() {
        for (NodeDraft d : nodes.values()) {
            if (d.proxy == null) continue;
            HttpClientConfig.ProxyAddress p = HttpClientConfig.ProxyAddress.parse(d.proxy);
            NodeDraft target = nodes.get(p.host());
            if (target == null) {
                if (!p.host().matches("[0-9.]+") && !p.host().contains("."))
                    problems.add(d.proxyAt, "no device '" + p.host() + "' for the proxy", DidYouMean.hint(p.host(), List.copyOf(nodes.keySet())));
                continue;
            }
            if (target.services.proxy() == null || target.services.proxy().port() != p.port()) {
                String runs = target.services.proxy() == null ? p.host() + " runs no proxy" : p.host() + "'s proxy listens on " + target.services.proxy().port();
                problems.add(d.proxyAt, runs + ", not on " + p.port(), "add services: { proxy: { port: " + p.port() + " } } to " + p.host());
            } else if (target.staticAddresses().isEmpty()) {
                problems.add(d.proxyAt, "the proxy " + p.host() + " has no static address for clients to reach", "give " + p.host() + " a static ip");
            }
        }
    }

    /** RFC 1812 router: interfaces each with a static address in its own subnet, and static routes. */
    private void readRouter(NodeDraft d, YMap body) {
        List<String> others = new ArrayList<>(LabYamlReader.HOST_KEYS);
        others.addAll(LabYamlReader.SWITCH_KEYS);
        values.checkKeysOfKind(body, LabYamlReader.ROUTER_KEYS, others, "a router");
        String example = "e.g. interfaces: { eth0: { ip: 10.1.0.1/24 }, eth1: { ip: 10.2.0.1/24 } }";
        YNode interfaces = body.get("interfaces");
        if (interfaces == null) {
            problems.add(body, "router '" + d.name + "' needs 'interfaces', one per subnet it joins", example);
            return;
        }
        if (!(interfaces instanceof YMap im) || im.entries().isEmpty()) {
            problems.add(interfaces, "'interfaces' must be a map from interface name to its settings", example);
            return;
        }
        Map<String, YNode> ipAt = new LinkedHashMap<>();
        for (YEntry ie : im.entries()) {
            if (!IFACE_NAME.matcher(ie.key()).matches()) {
                problems.add(ie.line(), ie.column(), "interface name '" + ie.key() + "' is not valid", "use a letter, then letters, digits, '.', '_' or '-' (no ':')");
                continue;
            }
            YMap settings = ie.value() instanceof YScalar sc && sc.isNull() ? null : values.optionalMap(ie.value(), "router interface settings");
            YNode ip = settings == null ? null : settings.get("ip");
            if (settings != null) values.checkKeys(settings, LabYamlReader.ROUTER_IFACE_KEYS, "a router interface");
            if (ip == null) {
                problems.add(settings != null ? settings : ie.value(), "router interface " + d.name + ":" + ie.key() + " needs an address",
                        "e.g. " + ie.key() + ": { ip: 10.1.0.1/24 }; hosts on that subnet use it as their gateway");
                continue;
            }
            if (ip instanceof YScalar sc && "dhcp".equals(sc.text())) {
                problems.add(ip, "a router interface needs a static address, not dhcp", "write address/prefix, e.g. 10.1.0.1/24");
                continue;
            }
            IfaceDraft i = iface(ie.key(), ip, settings.get("mac"));
            if (i.address() != null) {
                for (IfaceDraft other : d.ifaces) {
                    Ipv4Cidr a = i.address(), b = other.address();
                    if (b != null && (a.contains(b.network()) || b.contains(a.network()))) {
                        problems.add(ip, d.name + ":" + i.name() + " " + a + " overlaps " + d.name + ":" + other.name() + " " + b
                                + " (line " + ipAt.get(other.name()).line() + ")", "each router interface joins a different subnet");
                        i = new IfaceDraft(i.name(), null, false, i.mac(), i.macAt());
                        break;
                    }
                }
            }
            ipAt.put(ie.key(), ip);
            d.ifaces.add(i);
            if (settings.get("dhcp-relay") != null) {
                List<Ipv4Address> servers = relayServers(settings.get("dhcp-relay"));
                if (servers != null) { d.relays.put(i.name(), servers); d.relayAt.put(i.name(), settings.get("dhcp-relay")); }
            }
        }
        if (body.get("routes") != null) readRoutes(d, body.get("routes"));
        YNode relay = body.get("dhcp-relay");
        List<Ipv4Address> servers = relay == null ? null : relayServers(relay);
        if (servers != null) {
            // dhcrelay without -i: every interface, except those on a server's own subnet (its clients reach it directly)
            for (IfaceDraft i : d.ifaces) {
                if (d.relays.containsKey(i.name()) || i.address() == null) continue;
                if (servers.stream().anyMatch(sv -> i.address().contains(sv))) continue;
                d.relays.put(i.name(), servers);
                d.relayAt.put(i.name(), relay);
            }
        }
    }

    /** dhcp-relay: { server: 10.1.0.10 } or { server: [a, b] } (RFC 1542 §4: relay to each). */
    private List<Ipv4Address> relayServers(YNode node) {
        YMap m = values.optionalMap(node, "DHCP relay settings");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.RELAY_KEYS, "dhcp-relay");
        if (m.get("server") == null) {
            problems.add(m, "dhcp-relay needs the 'server' to relay to", "e.g. dhcp-relay: { server: 10.1.0.10 }");
            return null;
        }
        List<Ipv4Address> servers = values.unicastAddresses(m.get("server"), "DHCP server");
        return servers.isEmpty() ? null : servers;
    }

    /**
     * routes: [{ to: 10.2.0.0/16, via: 10.1.0.254 }, ...]. to is a network (or default); via must be
     * on a connected subnet (RFC 1812 §5.2.4.3, RFC 1122 §3.3.1.1) unless an interface asks DHCP.
     */
    private void readRoutes(NodeDraft d, YNode node) {
        String example = "e.g. routes: [{ to: 10.2.0.0/16, via: 10.1.0.254 }]";
        if (!(node instanceof YList list)) {
            problems.add(node, "'routes' must be a list of { to, via }", example);
            return;
        }
        List<Ipv4Cidr> connected = d.staticAddresses();
        boolean anyDhcp = d.ifaces.stream().anyMatch(IfaceDraft::dhcp);
        Map<Ipv4Cidr, YNode> seen = new LinkedHashMap<>();
        for (YNode item : list.items()) {
            YMap m = values.optionalMap(item, "a route");
            if (m == null) continue;
            values.checkKeys(m, LabYamlReader.ROUTE_KEYS, "a route");
            if (m.get("to") == null || m.get("via") == null) {
                problems.add(m, "a route needs 'to' and 'via'", example);
                continue;
            }
            Ipv4Cidr to = routeDestination(m.get("to"));
            Ipv4Address via = values.unicastAddress(m.get("via"), "via");
            if (to == null || via == null) continue;
            YNode prev = seen.putIfAbsent(to, m.get("to"));
            if (prev != null) {
                problems.add(m.get("to"), "a second route to " + (to.prefixLength() == 0 ? "default" : to) + " (the first is at line " + prev.line() + ")",
                        "list each destination once");
                continue;
            }
            if (to.prefixLength() == 0 && d.gateway != null) {
                problems.add(m.get("to"), "a default route and 'gateway' on " + d.name + " both say where everything else goes", "keep one of them");
                continue;
            }
            if (connected.stream().anyMatch(c -> c.address().equals(via))) {
                problems.add(m.get("via"), "route via " + via + " points at " + d.name + "'s own address", "via is the next router's address on one of " + d.name + "'s subnets");
                continue;
            }
            if (!anyDhcp && connected.stream().noneMatch(c -> c.contains(via))) {
                String subnets = connected.isEmpty() ? "none" : String.join(", ", connected.stream().map(c -> c.network() + "/" + c.prefixLength()).toList());
                problems.add(m.get("via"), "route to " + (to.prefixLength() == 0 ? "default" : to) + " via " + via + " points nowhere: " + via
                        + " is not on a connected subnet of " + d.name + " (" + subnets + ")", "via must be a router's address on one of " + d.name + "'s own subnets");
                continue;
            }
            d.routes.add(new RouteSpec(to, via));
        }
    }

    private Ipv4Cidr routeDestination(YNode at) {
        String t = values.text(at, "a network such as 10.2.0.0/16, or default");
        if (t == null) return null;
        if (t.equals("default")) return new Ipv4Cidr(Ipv4Address.ANY, 0);
        Ipv4Cidr c;
        try {
            c = Ipv4Cidr.parse(t);
        } catch (IllegalArgumentException e) {
            problems.add(at, "bad route destination: " + e.getMessage(), "write network/prefix, e.g. 10.2.0.0/16, or default");
            return null;
        }
        if (!c.address().equals(c.network())) {
            problems.add(at, t + " has host bits set", "the network is " + c.network() + "/" + c.prefixLength());
            return null;
        }
        return c;
    }

    private IfaceDraft iface(String name, YNode ip, YNode mac) {
        Ipv4Cidr cidr = null;
        boolean dhcp = false;
        if (ip != null) {
            String t = values.text(ip, "an address such as 10.0.0.1/24, or dhcp");
            if (t != null && t.equals("dhcp")) dhcp = true;
            else if (t != null) cidr = hostCidr(ip, t);
        }
        MacAddress m = null;
        if (mac != null) {
            String t = values.text(mac, "a MAC address");
            if (t != null) {
                try {
                    m = MacAddress.parse(t);
                    if (m.isMulticast()) {
                        problems.add(mac, "MAC " + m + " is a multicast address; an interface needs a unicast one",
                                "the lowest bit of the first octet must be 0, e.g. 02:00:00:00:00:01");
                        m = null;
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(mac, e.getMessage(), "write six hex pairs, e.g. 02:00:00:00:00:01");
                }
            }
        }
        return new IfaceDraft(name, cidr, dhcp, m, mac);
    }

    private Ipv4Cidr hostCidr(YNode at, String t) {
        Ipv4Cidr c;
        try {
            c = Ipv4Cidr.parse(t);
        } catch (IllegalArgumentException e) {
            problems.add(at, "bad address: " + e.getMessage(), "write address/prefix, e.g. 10.0.0.1/24, or dhcp");
            return null;
        }
        if (!CIDR.matcher(t).matches()) {
            problems.add(at, "'" + t + "' is not a plain address/prefix: " + ValueReader.NOT_PLAIN, "e.g. 10.0.0.1/24");
            return null;
        }
        String notHost = ValueReader.notUnicast(c.address());
        if (notHost != null) {
            problems.add(at, c.address() + " is " + notHost + ", not a host address", "use a unicast address, e.g. 10.0.0.1/24");
            return null;
        }
        if (c.prefixLength() <= 30 && c.address().equals(c.network())) {
            problems.add(at, c + " is the network address of its subnet, not a host address", "use a host address, e.g. " + c.network().plus(1) + "/" + c.prefixLength());
            return null;
        }
        if (c.prefixLength() <= 30 && c.address().equals(c.broadcast())) {
            problems.add(at, c + " is the broadcast address of its subnet, not a host address", "use a host address, e.g. " + c.network().plus(1) + "/" + c.prefixLength());
            return null;
        }
        return c;
    }

    private void checkGateway(NodeDraft d, Ipv4Address gw, YNode at) {
        boolean anyDhcp = d.ifaces.stream().anyMatch(IfaceDraft::dhcp);
        List<Ipv4Cidr> statics = d.staticAddresses();
        for (Ipv4Cidr c : statics) {
            if (c.address().equals(gw)) {
                problems.add(at, "gateway " + gw + " is " + d.name + "'s own address", "the gateway is the router's address on this subnet");
                return;
            }
        }
        if (anyDhcp || statics.isEmpty()) return;
        if (statics.stream().noneMatch(c -> c.contains(gw))) {
            String subnets = String.join(", ", statics.stream().map(c -> c.network() + "/" + c.prefixLength()).toList());
            problems.add(at, "gateway " + gw + " is outside " + d.name + "'s subnet " + subnets,
                    "a gateway must be reachable directly: pick an address in " + subnets);
        }
    }

    /**
     * The devices as specs, in file order. An interface without a MAC gets 02:00:00:00:NN:II (node
     * number, interface number); where each device, address and MAC was written goes to at.
     */
    List<NodeSpec> specs(Locations at) {
        List<NodeSpec> specs = new ArrayList<>();
        for (NodeDraft d : nodes.values()) {
            at.node(d.name, d.nameNode());
            List<InterfaceSpec> ifaces = new ArrayList<>();
            if (d.kind == NodeKind.SWITCH || d.kind == NodeKind.BRIDGE) {
                for (String p : d.ifaceNames()) ifaces.add(new InterfaceSpec(p, null, false, null));
            } else {
                for (int k = 0; k < d.ifaces.size(); k++) {
                    IfaceDraft i = d.ifaces.get(k);
                    Endpoint ep = new Endpoint(d.name, i.name());
                    if (i.mac() != null) at.mac(ep, i.macAt());
                    if (i.address() != null) at.address(ep, addressNode(d, i));
                    MacAddress mac = i.mac() != null ? i.mac() : MacAddress.local(((long) d.number << 8) | k);
                    ifaces.add(new InterfaceSpec(i.name(), i.address(), i.dhcp(), mac, d.relays.getOrDefault(i.name(), List.of())));
                    if (d.relayAt.containsKey(i.name())) at.relay(ep, d.relayAt.get(i.name()));
                }
            }
            specs.add(new NodeSpec(d.name, d.kind, ifaces, d.gateway, d.dns, d.services, d.aging, d.tcp.options(), d.tcp.ephemeralPorts(),
                    d.tcp.labSetsNagle(), d.proxy, d.routes, d.trust, d.macTableSize));
        }
        return specs;
    }

    private static YNode addressNode(NodeDraft d, IfaceDraft i) {
        YMap body = (YMap) d.entry.value();
        YNode ifs = body.get("interfaces");
        if (ifs instanceof YMap im && im.get(i.name()) instanceof YMap s && s.get("ip") != null) return s.get("ip");
        return body.get("ip") != null ? body.get("ip") : body;
    }
}
