package io.wirelab.labs.yaml;

import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.DhcpServerSpec;
import io.wirelab.labs.model.DnsServerSpec;
import io.wirelab.labs.model.DnsZoneSpec;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSettings;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.model.ScriptSpec;
import io.wirelab.labs.model.ServicesSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.model.TcpSettings;
import io.wirelab.labs.model.WebServerSpec;
import io.wirelab.labs.units.UnitParseException;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.link.LinkParams;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a lab file (docs/lab-format.md) into a LabSpec, or throws a LabFileException holding every
 * problem found in one pass, each at its file:line:column with a hint. Checks structure (keys, types,
 * units), addresses (syntax, subnet, duplicates, gateway), MACs, link ends (unknown device, missing or
 * reused port, switch port range), captures, and switching loops (there is no spanning tree yet).
 */
public final class LabYamlReader {
    /** Reads a script named relative to the lab file; returns null when there is no such script. */
    @FunctionalInterface
    public interface ScriptLoader {
        LoadedScript load(String relativeName) throws IOException;
    }

    /** A script's text and the name error messages show for it. */
    public record LoadedScript(String displayName, String code) {}

    static final List<String> LAB_KEYS = List.of("name", "description", "seed", "defaults", "nodes", "links", "captures", "script");
    static final List<String> HOST_KEYS = List.of("kind", "ip", "mac", "interfaces", "gateway", "dns", "services", "tcp");
    static final List<String> SWITCH_KEYS = List.of("kind", "ports", "aging");
    static final List<String> BRIDGE_KEYS = List.of("kind", "interface");
    static final List<String> IFACE_KEYS = List.of("ip", "mac");
    static final List<String> LINK_KEYS = Setting.keys(LinkSettings.KEYS);
    static final List<String> DEFAULTS_KEYS = List.of("link", "tcp");
    static final List<String> TCP_KEYS = Setting.keys(TcpSettings.KEYS);
    static final List<String> SERVICE_KEYS = List.of("dhcp", "dns", "web");
    static final List<String> DHCP_KEYS = List.of("pool", "router", "dns", "domain", "lease");
    static final List<String> DNS_KEYS = List.of("zones");
    static final List<String> DNS_RECORD_KEYS = List.of("a", "aaaa", "cname", "ptr", "mx", "ns", "txt");
    private static final String DNS_RECORD_HINT = "e.g. www: { a: 10.0.0.80, aaaa: 2001:db8::80, mx: 10 mail, txt: hello }; names ending in '.' are absolute";
    static final List<String> WEB_KEYS = List.of("port", "https", "names", "pages", "directory", "keepalive-timeout", "keepalive-max", "close", "sites");
    static final List<String> SITE_KEYS = List.of("pages", "directory");
    static final List<String> PAGE_KEYS = List.of("body", "size");
    static final List<String> SCRIPT_KEYS = List.of("file", "inline");
    static final int MAX_SWITCH_PORTS = 1024;

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern IFACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Pattern LAB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DNS_LABELS = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern SWITCH_PORT = Pattern.compile("p([0-9]{1,5})");
    /** A Linux interface name: at most 15 bytes (IFNAMSIZ), no '/', ':' or blanks. */
    private static final Pattern HOST_IFACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,14}");
    private static final Set<String> RESERVED_NAMES = Set.of("lab", "all");

    private LabYamlReader() {}

    /** Reads a lab file; its script is looked up next to it. The lab name defaults to the file name. */
    public static LabSpec read(Path file) throws LabFileException {
        String shown = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new LabFileException(List.of(new LabProblem(shown, 1, 1, "cannot read the lab file: " + why, null)));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path shownDir = file.getParent();
        ScriptLoader loader = rel -> {
            Path p = dir.resolve(rel);
            if (!Files.isRegularFile(p)) return null;
            return new LoadedScript(shownDir == null ? rel : shownDir.resolve(rel).toString(), Files.readString(p, StandardCharsets.UTF_8));
        };
        return read(shown, baseName(file.getFileName().toString()), text, loader, dir);
    }

    /** Reads lab text; sourceName is what problems show, defaultName the name if the file sets none. */
    public static LabSpec read(String sourceName, String defaultName, String text, ScriptLoader scripts) throws LabFileException {
        return read(sourceName, defaultName, text, scripts, null);
    }

    /** baseDir: the lab file's directory, against which a web server's {@code directory:} resolves (null: none). */
    private static LabSpec read(String sourceName, String defaultName, String text, ScriptLoader scripts, Path baseDir) throws LabFileException {
        Session s = new Session(sourceName, text, scripts);
        s.baseDir = baseDir;
        LabSpec spec = s.readLab(defaultName);
        if (!s.problems.isEmpty()) throw new LabFileException(s.problems.sorted());
        return spec;
    }

    static String baseName(String fileName) {
        for (String ext : List.of(".yaml", ".yml")) if (fileName.endsWith(ext)) return fileName.substring(0, fileName.length() - ext.length());
        return fileName;
    }

    private record IfaceDraft(String name, Ipv4Cidr address, boolean dhcp, MacAddress mac, YNode macAt) {}

    private static final class NodeDraft {
        final String name;
        final NodeKind kind;
        final YEntry entry;
        final int number;
        final List<IfaceDraft> ifaces = new ArrayList<>();
        int ports;
        long aging = NodeSpec.DEFAULT_MAC_AGING_NANOS;
        Ipv4Address gateway;
        List<Ipv4Address> dns = List.of();
        ServicesSpec services = ServicesSpec.NONE;
        TcpSettings tcp;
        String hostInterface;

        NodeDraft(String name, NodeKind kind, YEntry entry, int number) {
            this.name = name;
            this.kind = kind;
            this.entry = entry;
            this.number = number;
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
    }

    private record EndRef(String node, String iface, YNode at) {}

    private record LinkDraft(EndRef a, EndRef b, LinkParams params, YNode at) {}

    private static final class Session {
        final Problems problems;
        final String source;
        final String[] lines;
        final ScriptLoader scripts;
        final Map<String, NodeDraft> nodes = new LinkedHashMap<>();
        final ValueReader values;
        final SettingsReader settings;
        final TcpSectionReader tcpReader;
        TcpSettings tcpDefaults = TcpSettings.DEFAULT;
        Path baseDir;

        Session(String source, String text, ScriptLoader scripts) {
            this.source = source;
            this.problems = new Problems(source);
            this.values = new ValueReader(problems);
            this.settings = new SettingsReader(values);
            this.tcpReader = new TcpSectionReader(values);
            this.lines = text.split("\n", -1);
            this.scripts = scripts;
        }

        LabSpec readLab(String defaultName) {
            YNode root = YamlTree.parse(String.join("\n", lines), problems);
            if (root == null) {
                if (problems.isEmpty()) problems.add(1, 1, "the lab file is empty", "a lab needs at least 'nodes:'; see docs/lab-format.md");
                return null;
            }
            if (!(root instanceof YMap lab)) {
                problems.add(root, "a lab file must be a map of keys (name, nodes, links, ...)", "see docs/lab-format.md");
                return null;
            }
            values.checkKeys(lab, LAB_KEYS, "the lab");

            String name = defaultName;
            YNode nameNode = lab.get("name");
            if (nameNode != null) {
                String n = values.text(nameNode, "a lab name");
                if (n != null && !LAB_NAME.matcher(n).matches())
                    problems.add(nameNode, "lab name '" + n + "' is not usable as a directory name", "use letters, digits, '.', '_' and '-'");
                else if (n != null) name = n;
            }
            String description = "";
            if (lab.get("description") != null) {
                String d = values.text(lab.get("description"), "a one-line description");
                if (d != null) description = d.strip();
            }
            long seed = LabSpec.DEFAULT_SEED;
            if (lab.get("seed") != null) {
                Long v = values.integer(lab.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
                if (v != null) seed = v;
            }
            LinkParams linkDefaults = LinkParams.DEFAULT;
            YMap defaults = values.optionalMap(lab.get("defaults"), "defaults");
            if (defaults != null) {
                values.checkKeys(defaults, DEFAULTS_KEYS, "defaults");
                YMap link = values.optionalMap(defaults.get("link"), "link defaults");
                LinkParams p = link == null ? null : settings.read(link, LinkSettings.KEYS, LinkParams.DEFAULT, "a link");
                if (p != null) linkDefaults = p;
                tcpDefaults = tcpReader.read(defaults.get("tcp"), "tcp defaults", TcpSettings.DEFAULT);
            }

            YNode nodesNode = lab.get("nodes");
            if (nodesNode == null) problems.add(lab, "the lab has no 'nodes:'", "list the devices, e.g. nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } }");
            else readNodes(nodesNode);
            List<NodeSpec> nodeSpecs = finishNodes();

            List<LinkSpec> links = lab.get("links") == null ? List.of() : readLinks(lab.get("links"), linkDefaults);
            List<CaptureSpec> captures = lab.get("captures") == null ? List.of() : readCaptures(lab.get("captures"), links);
            ScriptSpec script = lab.get("script") == null ? null : readScript(lab.get("script"));
            if (!problems.isEmpty()) return null;
            return new LabSpec(name, description, seed, nodeSpecs, links, captures, script, source);
        }

        // ---- nodes ----

        void readNodes(YNode nodesNode) {
            if (!(nodesNode instanceof YMap map)) {
                problems.add(nodesNode, "'nodes' must be a map from device name to its settings", "e.g. nodes: { pc1: { kind: pc, ip: 10.0.0.1/24 } }");
                return;
            }
            int number = 0;
            for (YEntry e : map.entries()) {
                number++;
                String name = e.key();
                if (!NODE_NAME.matcher(name).matches()) {
                    problems.add(e.line(), e.column(), "device name '" + name + "' is not a valid name",
                            "device names become script variables: a letter, then letters, digits or '_'");
                    continue;
                }
                if (RESERVED_NAMES.contains(name)) {
                    problems.add(e.line(), e.column(), "device name '" + name + "' is reserved", "choose another name; 'lab' and 'all' have a meaning in scripts and captures");
                    continue;
                }
                if (!(e.value() instanceof YMap body)) {
                    problems.add(e.value(), "device '" + name + "' needs a map of settings", "e.g. " + name + ": { kind: pc, ip: 10.0.0.1/24 }");
                    continue;
                }
                NodeKind kind = kind(name, body);
                if (kind == null) continue;
                NodeDraft d = new NodeDraft(name, kind, e, number);
                if (kind == NodeKind.SWITCH) readSwitch(d, body);
                else if (kind == NodeKind.BRIDGE) readBridge(d, body);
                else readHost(d, body);
                nodes.put(name, d);
            }
        }

        NodeKind kind(String name, YMap body) {
            YNode k = body.get("kind");
            List<String> kinds = List.of("pc", "server", "switch", "bridge");
            if (k == null) {
                problems.add(body, "device '" + name + "' has no 'kind'", "kind is one of: pc, server, switch, bridge");
                return null;
            }
            String text = values.text(k, "a device kind");
            if (text == null) return null;
            NodeKind kind = NodeKind.fromYaml(text);
            if (kind == null) problems.add(k, "unknown device kind '" + text + "'", DidYouMean.hint(text, kinds));
            return kind;
        }

        void readSwitch(NodeDraft d, YMap body) {
            values.checkKeysOfKind(body, SWITCH_KEYS, HOST_KEYS, "a switch");
            d.ports = NodeSpec.DEFAULT_SWITCH_PORTS;
            if (body.get("ports") != null) {
                Long p = values.integer(body.get("ports"), "ports", 1, MAX_SWITCH_PORTS);
                if (p != null) d.ports = p.intValue();
            }
            if (body.get("aging") != null) {
                Long a = values.duration(body.get("aging"));
                if (a != null) d.aging = a;
            }
        }

        /** A real interface of the machine running the lab, reached through libpcap. */
        void readBridge(NodeDraft d, YMap body) {
            List<String> others = new ArrayList<>(HOST_KEYS);
            others.addAll(SWITCH_KEYS);
            values.checkKeysOfKind(body, BRIDGE_KEYS, others, "a bridge");
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

        void readHost(NodeDraft d, YMap body) {
            values.checkKeysOfKind(body, HOST_KEYS, SWITCH_KEYS, "a " + d.kind);
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
                            values.checkKeys(settings, IFACE_KEYS, "an interface");
                        }
                        d.ifaces.add(iface(d, ie.key(), settings == null ? null : settings.get("ip"), settings == null ? null : settings.get("mac")));
                    }
                }
            } else {
                d.ifaces.add(iface(d, "eth0", body.get("ip"), body.get("mac")));
            }

            if (body.get("dns") != null) {
                d.dns = values.addresses(body.get("dns"));
            }
            if (body.get("gateway") != null) {
                Ipv4Address gw = values.address(body.get("gateway"));
                if (gw != null) {
                    d.gateway = gw;
                    checkGateway(d, gw, body.get("gateway"));
                }
            }
            if (body.get("services") != null) d.services = services(d, body.get("services"));
            if (body.get("tcp") != null) d.tcp = tcpReader.read(body.get("tcp"), "tcp settings", tcpDefaults);
        }

        IfaceDraft iface(NodeDraft d, String name, YNode ip, YNode mac) {
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

        Ipv4Cidr hostCidr(YNode at, String t) {
            Ipv4Cidr c;
            try {
                c = Ipv4Cidr.parse(t);
            } catch (IllegalArgumentException e) {
                problems.add(at, "bad address: " + e.getMessage(), "write address/prefix, e.g. 10.0.0.1/24, or dhcp");
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

        void checkGateway(NodeDraft d, Ipv4Address gw, YNode at) {
            boolean anyDhcp = d.ifaces.stream().anyMatch(IfaceDraft::dhcp);
            List<Ipv4Cidr> statics = d.ifaces.stream().map(IfaceDraft::address).filter(a -> a != null).toList();
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

        List<NodeSpec> finishNodes() {
            Map<Ipv4Address, String> ipOwners = new LinkedHashMap<>();
            Map<MacAddress, String> macOwners = new LinkedHashMap<>();
            // explicit MACs first, so an automatic MAC that collides with one is reported at the explicit one
            for (NodeDraft d : nodes.values()) {
                for (IfaceDraft i : d.ifaces) {
                    if (i.mac != null) {
                        String prev = macOwners.putIfAbsent(i.mac, d.name + ":" + i.name);
                        if (prev != null) problems.add(i.macAt, "duplicate MAC " + i.mac + ": already used by " + prev, "every interface needs its own MAC; leave mac out to get an automatic one");
                    }
                }
            }
            List<NodeSpec> specs = new ArrayList<>();
            for (NodeDraft d : nodes.values()) {
                List<InterfaceSpec> ifaces = new ArrayList<>();
                if (d.kind == NodeKind.SWITCH || d.kind == NodeKind.BRIDGE) {
                    for (String p : d.ifaceNames()) ifaces.add(new InterfaceSpec(p, null, false, null));
                } else {
                    for (int k = 0; k < d.ifaces.size(); k++) {
                        IfaceDraft i = d.ifaces.get(k);
                        MacAddress mac = i.mac;
                        if (mac == null) {
                            mac = MacAddress.local(((long) d.number << 8) | k);   // 02:00:00:00:NN:II
                            String prev = macOwners.get(mac);
                            if (prev != null)
                                problems.add(nodeKey(d), "the automatic MAC " + mac + " of " + d.name + ":" + i.name + " is already given to " + prev,
                                        "give " + prev + " a MAC outside 02:00:00:xx:xx:xx or set " + d.name + ":" + i.name + "'s mac");
                            macOwners.putIfAbsent(mac, d.name + ":" + i.name);
                        }
                        if (i.address != null) {
                            String prev = ipOwners.putIfAbsent(i.address.address(), d.name + ":" + i.name);
                            if (prev != null) problems.add(ipNode(d, i), "duplicate IP address " + i.address.address() + ": already used by " + prev,
                                    "every interface needs its own address");
                        }
                        ifaces.add(new InterfaceSpec(i.name, i.address, i.dhcp, mac));
                    }
                }
                TcpSettings tcp = d.tcp == null ? tcpDefaults : d.tcp;
                specs.add(new NodeSpec(d.name, d.kind, ifaces, d.gateway, d.dns, d.services, d.aging, tcp.options(), tcp.ephemeralPorts()));
            }
            return specs;
        }

        YNode ipNode(NodeDraft d, IfaceDraft i) {
            YMap body = (YMap) d.entry.value();
            YNode ifs = body.get("interfaces");
            if (ifs instanceof YMap im && im.get(i.name) instanceof YMap s && s.get("ip") != null) return s.get("ip");
            return body.get("ip") != null ? body.get("ip") : body;
        }

        YNode nodeKey(NodeDraft d) { return new YScalar(d.name, false, d.entry.line(), d.entry.column()); }

        // ---- services ----

        ServicesSpec services(NodeDraft d, YNode node) {
            YMap m = values.optionalMap(node, "services");
            if (m == null) return ServicesSpec.NONE;
            values.checkKeys(m, SERVICE_KEYS, "services");
            DhcpServerSpec dhcp = m.get("dhcp") == null ? null : dhcpServer(d, m.get("dhcp"));
            DnsServerSpec dns = m.get("dns") == null ? null : dnsServer(m.get("dns"));
            WebServerSpec web = m.get("web") == null ? null : webServer(m.get("web"));
            return new ServicesSpec(dhcp, dns, web);
        }

        DhcpServerSpec dhcpServer(NodeDraft d, YNode node) {
            YMap m = values.optionalMap(node, "DHCP server settings");
            if (m == null) return null;
            values.checkKeys(m, DHCP_KEYS, "the dhcp service");
            List<Ipv4Cidr> statics = d.ifaces.stream().map(IfaceDraft::address).filter(a -> a != null).toList();
            if (statics.isEmpty() && d.ifaces.stream().noneMatch(i -> i.address == null && i.dhcp)) {
                problems.add(node, "a DHCP server needs a static address on " + d.name, "give " + d.name + " an ip such as 10.0.0.2/24");
            } else if (statics.isEmpty()) {
                problems.add(node, "a DHCP server cannot itself use dhcp", "give " + d.name + " a static ip");
            }
            YNode pool = m.get("pool");
            Ipv4Address first = null, last = null;
            if (pool == null) {
                problems.add(m, "the dhcp service needs a 'pool'", "e.g. pool: 10.0.0.100-10.0.0.199");
            } else {
                String t = values.text(pool, "an address range");
                if (t != null) {
                    String[] parts = t.split("-", -1);
                    if (parts.length != 2) {
                        problems.add(pool, "'" + t + "' is not an address range", "write first-last, e.g. 10.0.0.100-10.0.0.199");
                    } else {
                        try {
                            first = Ipv4Address.parse(parts[0]);
                            last = Ipv4Address.parse(parts[1]);
                            if (first.compareTo(last) > 0) {
                                problems.add(pool, "pool " + t + " ends before it starts", "write the lower address first");
                                first = null;
                            } else if (!statics.isEmpty()) {
                                final Ipv4Address f = first, l = last;
                                if (statics.stream().noneMatch(c -> c.contains(f) && c.contains(l))) {
                                    problems.add(pool, "pool " + t + " is not inside " + d.name + "'s subnet " + statics.getFirst().network() + "/" + statics.getFirst().prefixLength(),
                                            "the server leases addresses of the subnet it is attached to");
                                    first = null;
                                }
                            }
                        } catch (IllegalArgumentException e) {
                            problems.add(pool, "bad address in pool: " + e.getMessage(), "write first-last, e.g. 10.0.0.100-10.0.0.199");
                            first = null;
                        }
                    }
                }
            }
            Ipv4Address router = m.get("router") == null ? null : values.address(m.get("router"));
            if (router != null && !statics.isEmpty() && statics.stream().noneMatch(c -> c.contains(router)))
                problems.add(m.get("router"), "router " + router + " is outside the DHCP server's subnet", "clients must reach the router directly");
            List<Ipv4Address> dns = m.get("dns") == null ? List.of() : values.addresses(m.get("dns"));
            String domain = null;
            if (m.get("domain") != null) {
                domain = values.text(m.get("domain"), "a domain name");
                if (domain != null && !DNS_LABELS.matcher(domain).matches()) {
                    problems.add(m.get("domain"), "'" + domain + "' is not a domain name", "e.g. lab.test");
                    domain = null;
                }
            }
            long lease = DhcpServerSpec.DEFAULT_LEASE_NANOS;
            if (m.get("lease") != null) {
                Long l = values.duration(m.get("lease"));
                if (l != null && l < 1_000_000_000L) problems.add(m.get("lease"), "a lease must last at least 1s", "e.g. lease: 1h");
                else if (l != null) lease = l;
            }
            if (first == null) return null;
            return new DhcpServerSpec(first, last, router, dns, domain, lease);
        }

        DnsServerSpec dnsServer(YNode node) {
            YMap m = values.optionalMap(node, "DNS server settings");
            if (m == null) return null;
            values.checkKeys(m, DNS_KEYS, "the dns service");
            YMap zones = m.get("zones") == null ? null : values.optionalMap(m.get("zones"), "a map of zones");
            if (m.get("zones") == null) {
                problems.add(m, "the dns service needs 'zones'", "e.g. zones: { lab.test: { www: 10.0.0.80 } }");
                return null;
            }
            if (zones == null) return null;
            List<DnsZoneSpec> result = new ArrayList<>();
            for (YEntry z : zones.entries()) {
                if (!DNS_LABELS.matcher(z.key()).matches()) {
                    problems.add(z.line(), z.column(), "'" + z.key() + "' is not a zone name", "e.g. lab.test");
                    continue;
                }
                YMap recs = values.optionalMap(z.value(), "a map from host name to address");
                if (recs == null) continue;
                List<DnsZoneSpec.ARecord> records = new ArrayList<>();
                List<DnsZoneSpec.Record> others = new ArrayList<>();
                for (YEntry r : recs.entries()) {
                    if (!r.key().equals("@") && !DNS_LABELS.matcher(r.key()).matches()) {
                        problems.add(r.line(), r.column(), "'" + r.key() + "' is not a host name", "use labels of letters, digits and '-', or @ for the zone itself");
                        continue;
                    }
                    if (r.value() instanceof YMap typed) {
                        zoneRecords(r.key(), typed, records, others);
                    } else {
                        Ipv4Address a = values.address(r.value());
                        if (a != null) records.add(new DnsZoneSpec.ARecord(r.key(), a));
                    }
                }
                result.add(new DnsZoneSpec(z.key(), records, others));
            }
            return new DnsServerSpec(result);
        }

        /** "www: { a: 10.0.0.80, aaaa: 2001:db8::80, mx: 10 mail, txt: [hello] }": each type, one value or a list. */
        void zoneRecords(String owner, YMap typed, List<DnsZoneSpec.ARecord> records, List<DnsZoneSpec.Record> others) {
            values.checkKeys(typed, DNS_RECORD_KEYS, "a DNS name's records");
            for (YEntry t : typed.entries()) {
                if (!DNS_RECORD_KEYS.contains(t.key())) continue;
                List<YNode> items = t.value() instanceof YList l ? l.items() : List.of(t.value());
                for (YNode v : items) {
                    if (t.key().equals("a")) {
                        Ipv4Address a = values.address(v);
                        if (a != null) records.add(new DnsZoneSpec.ARecord(owner, a));
                        continue;
                    }
                    DnsZoneSpec.Type type = DnsZoneSpec.Type.valueOf(t.key().toUpperCase(java.util.Locale.ROOT));
                    String text = values.text(v, "a " + type + " value");
                    if (text == null) continue;
                    String problem = switch (type) {
                        case AAAA -> { try { io.wirelab.wire.dns.DnsRdata.Aaaa.parse(text.strip()); yield null; }
                                       catch (IllegalArgumentException e) { yield "'" + text + "' is not an IPv6 address"; } }
                        case CNAME, PTR, NS -> hostName(text.strip()) ? null : "'" + text + "' is not a host name";
                        case MX -> text.strip().matches("\\d{1,5}\\s+\\S+") && hostName(text.strip().split("\\s+")[1])
                                && Integer.parseInt(text.strip().split("\\s+")[0]) <= 65535 ? null : "'" + text + "' is not 'preference host'";
                        case TXT -> text.length() <= 255 ? null : "a TXT string is at most 255 bytes (RFC 1035 §3.3.14)";
                    };
                    if (problem != null) problems.add(v, problem, DNS_RECORD_HINT);
                    else others.add(new DnsZoneSpec.Record(owner, type, text.strip()));
                }
            }
        }

        private static boolean hostName(String text) {
            String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
            return t.equals("@") || DNS_LABELS.matcher(t).matches();
        }

        WebServerSpec webServer(YNode node) {
            YMap m;
            if (node instanceof YScalar sc && sc.isNull()) m = new YMap(List.of(), node.line(), node.column());
            else m = values.optionalMap(node, "web server settings");
            if (m == null) return null;
            values.checkKeys(m, WEB_KEYS, "the web service");
            int port = WebServerSpec.DEFAULT_PORT;
            if (m.get("port") != null) {
                Long p = values.integer(m.get("port"), "port", 1, 65535);
                if (p != null) port = p.intValue();
            }
            List<WebServerSpec.Page> pages = pages(m.get("pages"));
            int httpsPort = 0;
            if (m.get("https") != null) {
                String t = values.text(m.get("https"), "true, false or a port number");
                if (t != null && List.of("true", "on", "yes").contains(t.strip())) httpsPort = WebServerSpec.DEFAULT_HTTPS_PORT;
                else if (t != null && !List.of("false", "off", "no").contains(t.strip())) {
                    Long p = values.integer(m.get("https"), "https port", 1, 65535);
                    if (p != null) httpsPort = p.intValue();
                }
                if (httpsPort == port) problems.add(m.get("https"), "HTTPS cannot share port " + port + " with HTTP", "https: true listens on 443");
            }
            List<String> names = new ArrayList<>();
            YNode namesNode = m.get("names");
            if (namesNode != null) {
                List<YNode> items = namesNode instanceof YList l ? l.items() : List.of(namesNode);
                for (YNode item : items) {
                    String n = values.text(item, "a host name such as www.lab.test");
                    if (n == null) continue;
                    if (!DNS_LABELS.matcher(n).matches()) problems.add(item, "'" + n + "' is not a host name", "e.g. names: [www.lab.test, lab.test]");
                    else if (!names.contains(n.toLowerCase(java.util.Locale.ROOT))) names.add(n.toLowerCase(java.util.Locale.ROOT));
                }
            }
            Path directory = directory(m.get("directory"));
            List<WebServerSpec.VirtualSite> sites = sites(m.get("sites"));
            long keepAliveTimeout = 0;
            if (m.get("keepalive-timeout") != null) {
                Long t = values.duration(m.get("keepalive-timeout"));
                if (t != null && t <= 0) problems.add(m.get("keepalive-timeout"), "keepalive-timeout must be positive", "e.g. keepalive-timeout: 5s");
                else if (t != null) keepAliveTimeout = t;
            }
            int keepAliveMax = 0;
            if (m.get("keepalive-max") != null) {
                Long n = values.integer(m.get("keepalive-max"), "keepalive-max", 1, 1_000_000);
                if (n != null) keepAliveMax = n.intValue();
            }
            boolean abrupt = false;
            if (m.get("close") != null) {
                String c = values.text(m.get("close"), "graceful or abrupt");
                if ("abrupt".equals(c)) abrupt = true;
                else if (c != null && !"graceful".equals(c)) problems.add(m.get("close"), "close must be graceful or abrupt, not '" + c + "'", null);
            }
            return new WebServerSpec(port, pages, names, httpsPort, directory, keepAliveTimeout, keepAliveMax, abrupt, sites);
        }

        List<WebServerSpec.Page> pages(YNode node) {
            List<WebServerSpec.Page> pages = new ArrayList<>();
            if (node == null) return pages;
            YMap pm = values.optionalMap(node, "a map from path to page");
            if (pm == null) return pages;
            for (YEntry e : pm.entries()) {
                if (!e.key().startsWith("/")) {
                    problems.add(e.line(), e.column(), "page path '" + e.key() + "' must start with '/'", "e.g. /index.html");
                    continue;
                }
                if (e.value() instanceof YScalar sc && !sc.isNull()) {
                    pages.add(new WebServerSpec.Page(e.key(), sc.text(), sc.text().getBytes(StandardCharsets.UTF_8).length));
                } else if (e.value() instanceof YMap page) {
                    values.checkKeys(page, PAGE_KEYS, "a page");
                    if ((page.get("body") == null) == (page.get("size") == null)) {
                        problems.add(page, "a page needs exactly one of 'body' or 'size'", "body: <text>, or size: 1MB for generated content");
                    } else if (page.get("body") != null) {
                        String b = values.text(page.get("body"), "the page text");
                        if (b != null) pages.add(new WebServerSpec.Page(e.key(), b, b.getBytes(StandardCharsets.UTF_8).length));
                    } else {
                        Long size = values.unit(page.get("size"), Units::parseSize);
                        if (size != null) pages.add(new WebServerSpec.Page(e.key(), null, size));
                    }
                } else {
                    problems.add(e.value(), "page '" + e.key() + "' needs its text or { size: ... }", "e.g. \"/\": Hello, or /big: { size: 1MB }");
                }
            }
            return pages;
        }

        Path directory(YNode node) {
            if (node == null) return null;
            String d = values.text(node, "a directory next to the lab file");
            if (d != null && baseDir == null) {
                problems.add(node, "a web directory needs a lab file on disk", "use pages: for a built-in lab");
            } else if (d != null) {
                Path p = baseDir.resolve(d).normalize();
                if (!Files.isDirectory(p)) problems.add(node, "no directory " + d + " next to the lab file", "it is looked up relative to the lab file");
                else return p;
            }
            return null;
        }

        /** "sites: { blog.lab.test: { pages: ..., directory: ... } }": name-based virtual hosts (RFC 9110 §7.2). */
        List<WebServerSpec.VirtualSite> sites(YNode node) {
            List<WebServerSpec.VirtualSite> sites = new ArrayList<>();
            if (node == null) return sites;
            YMap sm = values.optionalMap(node, "a map from host name to that site's pages");
            if (sm == null) return sites;
            for (YEntry e : sm.entries()) {
                if (!DNS_LABELS.matcher(e.key()).matches()) {
                    problems.add(e.line(), e.column(), "'" + e.key() + "' is not a host name", "e.g. sites: { blog.lab.test: { pages: { /: Hello } } }");
                    continue;
                }
                YMap site = values.optionalMap(e.value(), "the site's pages or directory");
                if (site == null) continue;
                values.checkKeys(site, SITE_KEYS, "a site");
                sites.add(new WebServerSpec.VirtualSite(e.key().toLowerCase(java.util.Locale.ROOT), pages(site.get("pages")), directory(site.get("directory"))));
            }
            return sites;
        }

        // ---- links ----

        List<LinkSpec> readLinks(YNode linksNode, LinkParams defaults) {
            if (!(linksNode instanceof YList list)) {
                problems.add(linksNode, "'links' must be a list", "e.g. links: [ [pc1:eth0, sw1:p1, { delay: 1ms }] ]");
                return List.of();
            }
            List<LinkDraft> drafts = new ArrayList<>();
            for (YNode item : list.items()) {
                if (!(item instanceof YList l) || l.items().size() < 2 || l.items().size() > 3) {
                    problems.add(item, "a link is [end, end] or [end, end, { settings }]", "e.g. - [pc1:eth0, sw1:p1, { bandwidth: 100Mbps, delay: 1ms }]");
                    continue;
                }
                EndRef a = endRef(l.items().get(0), "link");
                EndRef b = endRef(l.items().get(1), "link");
                LinkParams params = defaults;
                if (l.items().size() == 3) {
                    YMap props = values.optionalMap(l.items().get(2), "link settings");
                    if (props != null) params = settings.read(props, LinkSettings.KEYS, defaults, "a link");
                }
                if (a != null && b != null && params != null) drafts.add(new LinkDraft(a, b, params, item));
            }
            return resolveLinks(drafts);
        }

        /** Parses "node:iface" or "node"; checks that the node exists and, if named, that the interface does. */
        EndRef endRef(YNode node, String where) {
            String t = values.text(node, "a port such as pc1:eth0 or sw1:p1");
            if (t == null) return null;
            String[] parts = t.split(":", -1);
            if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
                problems.add(node, "'" + t + "' is not a port", "write device:interface (pc1:eth0, sw1:p1) or a device name");
                return null;
            }
            NodeDraft d = nodes.get(parts[0]);
            if (d == null) {
                problems.add(node, "unknown device '" + parts[0] + "' in " + where, DidYouMean.hint(parts[0], nodes.keySet()));
                return null;
            }
            if (parts.length == 1) return new EndRef(d.name, null, node);
            String iface = parts[1];
            if (d.kind == NodeKind.SWITCH) {
                var m = SWITCH_PORT.matcher(iface);
                if (!m.matches()) {
                    problems.add(node, d.name + " has no port '" + iface + "'", "switch ports are named p1..p" + d.ports);
                    return null;
                }
                int n = Integer.parseInt(m.group(1));
                if (n < 1 || n > d.ports) {
                    problems.add(node, d.name + " has " + d.ports + " ports (p1..p" + d.ports + "); " + iface + " is beyond them",
                            "raise 'ports:' on " + d.name + " or use a free port");
                    return null;
                }
                return new EndRef(d.name, "p" + n, node);
            }
            if (!d.ifaceNames().contains(iface)) {
                List<String> names = d.ifaceNames();
                String hint = DidYouMean.suggest(iface, names) != null ? DidYouMean.hint(iface, names)
                        : "declare it under " + d.name + ": interfaces: { " + iface + ": { ip: ... } }";
                problems.add(node, d.name + " has no interface '" + iface + "' (it has " + String.join(", ", names) + ")", hint);
                return null;
            }
            return new EndRef(d.name, iface, node);
        }

        /** Explicit ends claim their ports first; a bare device name then takes its first port no link names. */
        List<LinkSpec> resolveLinks(List<LinkDraft> drafts) {
            Set<Endpoint> named = new LinkedHashSet<>();
            for (LinkDraft l : drafts) for (EndRef e : List.of(l.a, l.b)) if (e.iface != null) named.add(new Endpoint(e.node, e.iface));
            Map<Endpoint, YNode> used = new LinkedHashMap<>();
            List<LinkSpec> result = new ArrayList<>();
            List<YNode> resultAt = new ArrayList<>();
            for (LinkDraft l : drafts) {
                Endpoint a = claim(l.a, named, used);
                Endpoint b = claim(l.b, named, used);
                if (a != null && b != null) {
                    result.add(new LinkSpec(a, b, l.params));
                    resultAt.add(l.at);
                }
            }
            checkLoops(result, resultAt);
            return result;
        }

        Endpoint claim(EndRef e, Set<Endpoint> named, Map<Endpoint, YNode> used) {
            Endpoint ep;
            if (e.iface != null) {
                ep = new Endpoint(e.node, e.iface);
            } else {
                ep = null;
                for (String i : nodes.get(e.node).ifaceNames()) {
                    Endpoint c = new Endpoint(e.node, i);
                    if (!named.contains(c) && !used.containsKey(c)) { ep = c; break; }
                }
                if (ep == null) {
                    problems.add(e.at, e.node + " has no free interface left for this link",
                            nodes.get(e.node).kind == NodeKind.SWITCH ? "raise 'ports:' on " + e.node : "declare another interface under " + e.node + ": interfaces:");
                    return null;
                }
            }
            YNode prev = used.putIfAbsent(ep, e.at);
            if (prev != null) {
                problems.add(e.at, ep + " is already used by the link at line " + prev.line(), "a port takes one cable; use a free port");
                return null;
            }
            return ep;
        }

        /** A cycle among switches floods broadcasts forever: there is no spanning tree (IEEE 802.1D) yet. */
        void checkLoops(List<LinkSpec> links, List<YNode> at) {
            Map<String, String> parent = new LinkedHashMap<>();
            Map<String, List<String>> tree = new LinkedHashMap<>();
            for (int i = 0; i < links.size(); i++) {
                LinkSpec l = links.get(i);
                String u = l.a().node(), v = l.b().node();
                if (nodes.get(u).kind != NodeKind.SWITCH || nodes.get(v).kind != NodeKind.SWITCH) continue;
                String ru = root(parent, u), rv = root(parent, v);
                if (ru.equals(rv)) {
                    List<String> cycle = treePath(tree, u, v);
                    cycle.add(u);
                    problems.add(at.get(i), "switching loop: " + String.join(" -> ", cycle) + " (frames would circle forever; there is no spanning tree yet)",
                            "remove one of the links between " + String.join(", ", new LinkedHashSet<>(cycle)));
                    continue;
                }
                parent.put(ru, rv);
                tree.computeIfAbsent(u, k -> new ArrayList<>()).add(v);
                tree.computeIfAbsent(v, k -> new ArrayList<>()).add(u);
            }
        }

        static String root(Map<String, String> parent, String x) {
            String r = x;
            while (parent.containsKey(r)) r = parent.get(r);
            return r;
        }

        /** The path from u to v in the forest (breadth-first, neighbours in link order). */
        static List<String> treePath(Map<String, List<String>> tree, String u, String v) {
            Map<String, String> cameFrom = new LinkedHashMap<>();
            ArrayList<String> queue = new ArrayList<>(List.of(u));
            cameFrom.put(u, u);
            for (int i = 0; i < queue.size() && !cameFrom.containsKey(v); i++) {
                for (String n : tree.getOrDefault(queue.get(i), List.of())) {
                    if (cameFrom.putIfAbsent(n, queue.get(i)) == null) queue.add(n);
                }
            }
            List<String> path = new ArrayList<>();
            for (String x = v; !x.equals(u); x = cameFrom.get(x)) path.addFirst(x);
            path.addFirst(u);
            return path;
        }

        // ---- captures ----

        List<CaptureSpec> readCaptures(YNode node, List<LinkSpec> links) {
            Set<Endpoint> linked = new LinkedHashSet<>();
            for (LinkSpec l : links) { linked.add(l.a()); linked.add(l.b()); }
            List<CaptureSpec> out = new ArrayList<>();
            if (node instanceof YScalar sc && !sc.isNull() && sc.text().equals("all")) {
                for (NodeDraft d : nodes.values()) {
                    if (!d.kind.isHost()) continue;
                    for (String i : d.ifaceNames()) if (linked.contains(new Endpoint(d.name, i))) out.add(new CaptureSpec(new Endpoint(d.name, i)));
                }
                return out;
            }
            if (!(node instanceof YList list)) {
                problems.add(node, "'captures' must be a list of ports, or all", "e.g. captures: [pc1:eth0, pc2:eth0]");
                return out;
            }
            Map<Endpoint, YNode> seen = new LinkedHashMap<>();
            for (YNode item : list.items()) {
                EndRef e = endRef(item, "captures");
                if (e == null) continue;
                List<Endpoint> points = new ArrayList<>();
                if (e.iface != null) {
                    points.add(new Endpoint(e.node, e.iface));
                } else {
                    for (String i : nodes.get(e.node).ifaceNames()) if (linked.contains(new Endpoint(e.node, i))) points.add(new Endpoint(e.node, i));
                    if (points.isEmpty()) problems.add(item, e.node + " has no linked interface to capture", "link it first, or name an interface");
                }
                for (Endpoint p : points) {
                    YNode prev = seen.putIfAbsent(p, item);
                    if (prev != null) problems.add(item, p + " is already captured (line " + prev.line() + ")", "list each capture point once");
                    else out.add(new CaptureSpec(p));
                }
            }
            return out;
        }

        // ---- script ----

        ScriptSpec readScript(YNode node) {
            if (node instanceof YScalar sc && !sc.isNull()) {
                if (sc.text().contains("\n")) return inline(sc);
                return scriptFile(sc);
            }
            YMap m = values.optionalMap(node, "a script file name, or { file: ... } / { inline: ... }");
            if (m == null) return null;
            values.checkKeys(m, SCRIPT_KEYS, "script");
            if ((m.get("file") == null) == (m.get("inline") == null)) {
                problems.add(m, "script needs exactly one of 'file' or 'inline'", "script: { file: lab.groovy } or script: { inline: \"pc1.ping('10.0.0.2')\" }");
                return null;
            }
            if (m.get("file") != null) {
                if (!(m.get("file") instanceof YScalar sc) || sc.isNull()) { values.text(m.get("file"), "a file name"); return null; }
                return scriptFile(sc);
            }
            if (!(m.get("inline") instanceof YScalar sc) || sc.isNull()) { values.text(m.get("inline"), "Groovy code"); return null; }
            return inline(sc);
        }

        ScriptSpec inline(YScalar sc) {
            String at = sc.line() - 1 < lines.length ? lines[sc.line() - 1] : "";
            char indicator = sc.column() - 1 < at.length() ? at.charAt(sc.column() - 1) : ' ';
            int first = indicator == '|' || indicator == '>' ? sc.line() + 1 : sc.line();
            return new ScriptSpec(source, sc.text(), first, true);
        }

        ScriptSpec scriptFile(YScalar sc) {
            String name = sc.text().strip();
            if (!name.endsWith(".groovy")) {
                problems.add(sc, "script file '" + name + "' should end in .groovy", "for code in the lab file use script: { inline: \"...\" } or a block: script: |");
                return null;
            }
            try {
                LoadedScript s = scripts == null ? null : scripts.load(name);
                if (s == null) {
                    problems.add(sc, "script file '" + name + "' not found next to the lab file", "create it, or fix the name");
                    return null;
                }
                return new ScriptSpec(s.displayName(), s.code(), 1, false);
            } catch (IOException e) {
                problems.add(sc, "cannot read script '" + name + "': " + e.getMessage(), null);
                return null;
            }
        }

    }
}
