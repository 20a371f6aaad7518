package io.wirelab.labs.yaml;

import io.wirelab.devices.proxy.ProxyMode;
import io.wirelab.devices.web.ServerFault;
import io.wirelab.labs.model.DhcpServerSpec;
import io.wirelab.labs.model.DnsServerSpec;
import io.wirelab.labs.model.DnsZoneSpec;
import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.model.ProxyServerSpec;
import io.wirelab.labs.model.ServerFaultSettings;
import io.wirelab.labs.model.ServicesSpec;
import io.wirelab.labs.model.Setting;
import io.wirelab.labs.model.WebServerSpec;
import io.wirelab.labs.units.Units;
import io.wirelab.labs.yaml.YamlTree.YEntry;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the `services:` map of a pc or server: a DHCP server (pool and router inside the host's
 * subnet), an authoritative DNS server's zones and records, a web server's pages, directory,
 * HTTPS port, keep-alive, virtual sites and faults, and an HTTP proxy (its port free on the host).
 */
final class ServicesReader {
    private static final Pattern DNS_LABELS = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(LabLimits.IPV4_PATTERN);
    private static final String DNS_RECORD_HINT = "e.g. www: { a: 10.0.0.80, aaaa: 2001:db8::80, mx: 10 mail, txt: hello }; names ending in '.' are absolute";

    private final ValueReader values;
    private final Problems problems;
    /** The lab file's directory, against which a web server's directory: resolves (null: none). */
    private final Path baseDir;
    private long webContentBytes;
    private boolean webLimitReported;

    ServicesReader(ValueReader values, Path baseDir) {
        this.values = values;
        this.problems = values.problems;
        this.baseDir = baseDir;
    }

    /** The services: map of host d. */
    ServicesSpec read(NodeDraft d, YNode node) {
        YMap m = values.optionalMap(node, "services");
        if (m == null) return ServicesSpec.NONE;
        values.checkKeys(m, LabYamlReader.SERVICE_KEYS, "services");
        DhcpServerSpec dhcp = m.get("dhcp") == null ? null : dhcpServer(d, m.get("dhcp"));
        DnsServerSpec dns = m.get("dns") == null ? null : dnsServer(m.get("dns"));
        WebServerSpec web = m.get("web") == null ? null : webServer(d, m.get("web"));
        ProxyServerSpec proxy = m.get("proxy") == null ? null : proxyServer(m.get("proxy"), web, dns != null);
        return new ServicesSpec(dhcp, dns, web, proxy);
    }

    /** "proxy: { mode: dumb, port: 3128 }" (or "proxy:" for a smart one on 3128); its port must be free on the host. */
    private ProxyServerSpec proxyServer(YNode node, WebServerSpec web, boolean dns) {
        YMap m;
        if (node instanceof YScalar sc && sc.isNull()) m = new YMap(List.of(), node.line(), node.column());
        else m = values.optionalMap(node, "proxy settings");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.PROXY_KEYS, "the proxy service");
        ProxyMode mode = ProxyMode.SMART;
        if (m.get("mode") != null) {
            String t = values.text(m.get("mode"), "smart or dumb");
            List<String> modes = List.of("smart", "dumb");
            if (t != null && !modes.contains(t)) {
                problems.add(m.get("mode"), "proxy mode must be smart or dumb, not '" + t + "'", DidYouMean.hint(t, modes));
                return null;
            }
            if (t == null) return null;
            mode = t.equals("dumb") ? ProxyMode.DUMB : ProxyMode.SMART;
        }
        int port = ProxyServerSpec.DEFAULT_PORT;
        YNode at = m.get("port") != null ? m.get("port") : m;
        if (m.get("port") != null) {
            Long p = values.integer(m.get("port"), "port", 1, WebServerSpec.MAX_PORT);
            if (p == null) return null;
            port = p.intValue();
        }
        String clash = null;
        if (web != null && web.port() == port) clash = "the web server's HTTP port";
        else if (web != null && web.https() && web.httpsPort() == port) clash = "the web server's HTTPS port";
        else if (dns && port == 53) clash = "the DNS server's TCP port";
        if (clash != null) {
            problems.add(at, "the proxy's port " + port + " is already " + clash + " on this host", "proxies usually listen on 3128 or 8080");
            return null;
        }
        return new ProxyServerSpec(mode, port);
    }

    /** A `fault:` map read over base (ServerFaultSettings.KEYS); base when the map has a problem (reported). */
    private ServerFault fault(YNode node, ServerFault base) {
        if (node == null) return base;
        YMap m = values.optionalMap(node, "fault settings, e.g. { close-after: 500, reset: true }");
        if (m == null) return base;
        ServerFault f = new SettingsReader(values).read(m, ServerFaultSettings.KEYS, base, "a fault");
        return f == null ? base : f;
    }

    private DhcpServerSpec dhcpServer(NodeDraft d, YNode node) {
        YMap m = values.optionalMap(node, "DHCP server settings");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.DHCP_KEYS, "the dhcp service");
        List<Ipv4Cidr> statics = d.staticAddresses();
        if (statics.isEmpty() && d.ifaces.stream().noneMatch(i -> i.address() == null && i.dhcp())) {
            problems.add(node, "a DHCP server needs a static address on " + d.name, "give " + d.name + " an ip such as 10.0.0.2/24");
        } else if (statics.isEmpty()) {
            problems.add(node, "a DHCP server cannot itself use dhcp", "give " + d.name + " a static ip");
        }
        if (m.get("pools") != null) {
            for (String single : List.of("pool", "router"))
                if (m.get(single) != null)
                    problems.add(ValueReader.keyOf(m, single), "'" + single + "' and 'pools' exclude each other", "put " + single + " under each entry of pools:");
            List<Ipv4Address> dns = m.get("dns") == null ? List.of() : values.unicastAddresses(m.get("dns"), "DNS server");
            return pools(d, m.get("pools"), dns, domain(m.get("domain")), lease(m.get("lease"), DhcpServerSpec.DEFAULT_LEASE_NANOS));
        }
        YNode pool = m.get("pool");
        Ipv4Address[] range = null;
        if (pool == null) {
            problems.add(m, "the dhcp service needs a 'pool'", "e.g. pool: 10.0.0.100-10.0.0.199");
        } else {
            range = range(pool);
            if (range != null && !statics.isEmpty()) {
                final Ipv4Address f = range[0], l = range[1];
                Ipv4Cidr subnet = statics.stream().filter(c -> c.contains(f) && c.contains(l)).findFirst().orElse(null);
                if (subnet == null) {
                    problems.add(pool, "pool " + pool(pool) + " is not inside " + d.name + "'s subnet " + statics.getFirst().network() + "/" + statics.getFirst().prefixLength(),
                            "the server leases addresses of the subnet it is attached to");
                    range = null;
                } else if (!hostRange(pool, f, l, subnet)) {
                    range = null;
                }
            }
        }
        Ipv4Address router = m.get("router") == null ? null : values.unicastAddress(m.get("router"), "router");
        if (router != null && !statics.isEmpty() && statics.stream().noneMatch(c -> c.contains(router)))
            problems.add(m.get("router"), "router " + router + " is outside the DHCP server's subnet", "clients must reach the router directly");
        List<Ipv4Address> dns = m.get("dns") == null ? List.of() : values.unicastAddresses(m.get("dns"), "DNS server");
        String domain = domain(m.get("domain"));
        long lease = lease(m.get("lease"), DhcpServerSpec.DEFAULT_LEASE_NANOS);
        if (range == null) return null;
        return new DhcpServerSpec(range[0], range[1], router, dns, domain, lease);
    }

    /** pools: [{ subnet, range, router, dns, domain, lease }]; dns, domain and lease default to the service's. */
    private DhcpServerSpec pools(NodeDraft d, YNode node, List<Ipv4Address> dns, String domain, long lease) {
        String example = "e.g. pools: [{ subnet: 10.2.0.0/24, range: 10.2.0.100-10.2.0.199, router: 10.2.0.1 }]";
        if (!(node instanceof YList list) || list.items().isEmpty()) {
            problems.add(node, "'pools' must be a list of pools", example);
            return null;
        }
        List<Ipv4Cidr> statics = d.staticAddresses();
        List<DhcpServerSpec.Pool> pools = new ArrayList<>();
        List<YNode> subnetsAt = new ArrayList<>();
        for (YNode item : list.items()) {
            YMap pm = values.optionalMap(item, "a pool");
            if (pm == null) continue;
            values.checkKeys(pm, LabYamlReader.POOL_KEYS, "a DHCP pool");
            if (pm.get("range") == null) { problems.add(pm, "a pool needs a 'range'", example); continue; }
            Ipv4Address[] range = range(pm.get("range"));
            if (range == null) continue;
            Ipv4Cidr subnet = null;
            if (pm.get("subnet") != null) {
                String t = values.text(pm.get("subnet"), "a subnet such as 10.2.0.0/24");
                if (t == null) continue;
                try {
                    subnet = Ipv4Cidr.parse(t);
                } catch (IllegalArgumentException e) {
                    problems.add(pm.get("subnet"), "bad subnet: " + e.getMessage(), "write network/prefix, e.g. 10.2.0.0/24");
                    continue;
                }
            } else {
                for (Ipv4Cidr c : statics) if (c.contains(range[0]) && c.contains(range[1])) subnet = c;
                if (subnet == null) {
                    problems.add(pm.get("range"), "pool " + range[0] + "-" + range[1] + " is in none of " + d.name + "'s subnets, so it needs 'subnet'",
                            "name the subnet its clients are on, e.g. subnet: " + new Ipv4Address(range[0].bits() & 0xffffff00) + "/24; a relay on that subnet forwards them");
                    continue;
                }
            }
            Ipv4Cidr net = subnet;
            if (!net.contains(range[0]) || !net.contains(range[1])) {
                problems.add(pm.get("range"), "range " + range[0] + "-" + range[1] + " is not inside " + net.network() + "/" + net.prefixLength(), "lease addresses of the pool's subnet");
                continue;
            }
            if (!hostRange(pm.get("range"), range[0], range[1], net)) continue;
            boolean clash = false;
            for (int k = 0; k < pools.size() && !clash; k++) {
                Ipv4Cidr other = pools.get(k).subnet();
                if (other.contains(net.network()) || net.contains(other.network())) {
                    problems.add(pm.get("subnet") != null ? pm.get("subnet") : pm.get("range"), "this pool's subnet " + net.network() + "/" + net.prefixLength()
                            + " overlaps the pool at line " + subnetsAt.get(k).line(), "one pool per subnet: the server picks it by the relay's giaddr (RFC 2131 §4.3.1)");
                    clash = true;
                }
            }
            if (clash) continue;
            Ipv4Address router = pm.get("router") == null ? null : values.unicastAddress(pm.get("router"), "router");
            if (router != null && !net.contains(router)) {
                problems.add(pm.get("router"), "router " + router + " is outside the pool's subnet " + net.network() + "/" + net.prefixLength(), "clients must reach the router directly");
                continue;
            }
            List<Ipv4Address> poolDns = pm.get("dns") == null ? dns : values.unicastAddresses(pm.get("dns"), "DNS server");
            String poolDomain = pm.get("domain") == null ? domain : domain(pm.get("domain"));
            long poolLease = lease(pm.get("lease"), lease);
            pools.add(new DhcpServerSpec.Pool(net, range[0], range[1], router, poolDns, poolDomain, poolLease));
            subnetsAt.add(item);
        }
        return pools.isEmpty() ? null : new DhcpServerSpec(pools);
    }

    private String pool(YNode at) { return at instanceof YScalar sc ? sc.text() : ""; }

    /** A range of host addresses: not the subnet's network or broadcast address (RFC 919). */
    private boolean hostRange(YNode at, Ipv4Address f, Ipv4Address l, Ipv4Cidr subnet) {
        if (subnet.prefixLength() <= 30 && (f.equals(subnet.network()) || l.equals(subnet.broadcast()))) {
            problems.add(at, "pool " + pool(at) + " includes the " + (f.equals(subnet.network()) ? "network" : "broadcast") + " address of "
                    + subnet.network() + "/" + subnet.prefixLength(), "lease host addresses only, e.g. "
                    + subnet.network().plus(1) + "-" + subnet.broadcast().plus(-1));
            return false;
        }
        return true;
    }

    /** first-last, or null after reporting. */
    private Ipv4Address[] range(YNode at) {
        String t = values.text(at, "an address range");
        if (t == null) return null;
        String[] parts = t.split("-", -1);
        if (parts.length != 2) {
            problems.add(at, "'" + t + "' is not an address range", "write first-last, e.g. 10.0.0.100-10.0.0.199");
            return null;
        }
        if (!IPV4.matcher(parts[0].strip()).matches() || !IPV4.matcher(parts[1].strip()).matches()) {
            problems.add(at, "'" + t + "' is not an address range", "write first-last in ASCII digits without leading zeros, e.g. 10.0.0.100-10.0.0.199");
            return null;
        }
        Ipv4Address first = Ipv4Address.parse(parts[0].strip()), last = Ipv4Address.parse(parts[1].strip());
        if (first.compareTo(last) > 0) {
            problems.add(at, "pool " + t + " ends before it starts", "write the lower address first");
            return null;
        }
        return new Ipv4Address[] {first, last};
    }

    private String domain(YNode at) {
        if (at == null) return null;
        String domain = values.text(at, "a domain name");
        if (domain != null && !DNS_LABELS.matcher(domain).matches()) {
            problems.add(at, "'" + domain + "' is not a domain name", "e.g. lab.test");
            return null;
        }
        return domain;
    }

    private long lease(YNode at, long otherwise) {
        if (at == null) return otherwise;
        Long l = values.duration(at);
        if (l != null && l % 1_000_000_000L != 0) problems.add(at, "a lease counts whole seconds (RFC 2132 §9.2), not " + Units.formatDuration(l), "e.g. lease: 1h");
        else if (l != null && values.checkRange(at, "lease", l, DhcpServerSpec.MIN_LEASE_NANOS, DhcpServerSpec.MAX_LEASE_NANOS, Setting.Kind.DURATION)) return l;
        return otherwise;
    }

    private DnsServerSpec dnsServer(YNode node) {
        YMap m = values.optionalMap(node, "DNS server settings");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.DNS_KEYS, "the dns service");
        YMap zones = m.get("zones") == null ? null : values.optionalMap(m.get("zones"), "a map of zones");
        if (m.get("zones") == null) {
            problems.add(m, "the dns service needs 'zones'", "e.g. zones: { lab.test: { www: 10.0.0.80 } }");
            return null;
        }
        if (zones == null) return null;
        List<DnsZoneSpec> result = new ArrayList<>();
        for (YEntry z : zones.entries()) {
            if (!isDnsName(z, "zone name", "e.g. lab.test")) continue;
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
    private void zoneRecords(String owner, YMap typed, List<DnsZoneSpec.ARecord> records, List<DnsZoneSpec.Record> others) {
        values.checkKeys(typed, LabYamlReader.DNS_RECORD_KEYS, "a DNS name's records");
        for (YEntry t : typed.entries()) {
            if (!LabYamlReader.DNS_RECORD_KEYS.contains(t.key())) continue;
            List<YNode> items = t.value() instanceof YList l ? l.items() : List.of(t.value());
            for (YNode v : items) {
                if (t.key().equals("a")) {
                    Ipv4Address a = values.address(v);
                    if (a != null) records.add(new DnsZoneSpec.ARecord(owner, a));
                    continue;
                }
                DnsZoneSpec.Type type = DnsZoneSpec.Type.valueOf(t.key().toUpperCase(Locale.ROOT));
                String text = values.text(v, "a " + type + " value");
                if (text == null) continue;
                String problem = switch (type) {
                    case AAAA -> { try { DnsRdata.Aaaa.parse(text.strip()); yield null; }
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

    /** Whether a key is a DNS name; reports it as not a what otherwise. */
    private boolean isDnsName(YEntry e, String what, String example) {
        if (DNS_LABELS.matcher(e.key()).matches()) return true;
        problems.add(e.line(), e.column(), "'" + e.key() + "' is not a " + what, example);
        return false;
    }

    private static boolean hostName(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return t.equals("@") || DNS_LABELS.matcher(t).matches();
    }

    private WebServerSpec webServer(NodeDraft d, YNode node) {
        YMap m;
        if (node instanceof YScalar sc && sc.isNull()) m = new YMap(List.of(), node.line(), node.column());
        else m = values.optionalMap(node, "web server settings");
        if (m == null) return null;
        values.checkKeys(m, LabYamlReader.WEB_KEYS, "the web service");
        int port = WebServerSpec.DEFAULT_PORT;
        if (m.get("port") != null) {
            Long p = values.integer(m.get("port"), "port", 1, WebServerSpec.MAX_PORT);
            if (p != null) port = p.intValue();
        }
        ServerFault siteFault = fault(m.get("fault"), ServerFault.NONE);
        List<WebServerSpec.Page> pages = pages(m.get("pages"), siteFault);
        int httpsPort = 0;
        YNode https = m.get("https");
        if (https instanceof YScalar sc && sc.type() == YamlTree.Type.BOOLEAN) {
            if (values.bool(https, "https")) httpsPort = WebServerSpec.DEFAULT_HTTPS_PORT;
        } else if (https != null) {
            Long p = values.integer(https, "https (true, false or a port)", 1, WebServerSpec.MAX_PORT);
            if (p != null) httpsPort = p.intValue();
        }
        if (httpsPort != 0 && httpsPort == port) problems.add(https, "HTTPS cannot share port " + port + " with HTTP", "https: true listens on 443");
        List<String> names = new ArrayList<>();
        YNode namesNode = m.get("names");
        if (namesNode != null) {
            List<YNode> items = namesNode instanceof YList l ? l.items() : List.of(namesNode);
            for (YNode item : items) {
                String n = values.text(item, "a host name such as www.lab.test");
                if (n == null) continue;
                if (!DNS_LABELS.matcher(n).matches()) problems.add(item, "'" + n + "' is not a host name", "e.g. names: [www.lab.test, lab.test]");
                else if (!names.contains(n.toLowerCase(Locale.ROOT))) names.add(n.toLowerCase(Locale.ROOT));
            }
        }
        Path directory = directory(m.get("directory"));
        List<WebServerSpec.VirtualSite> sites = sites(m.get("sites"));
        long keepAliveTimeout = 0;
        if (m.get("keepalive-timeout") != null) {
            Long t = values.duration(m.get("keepalive-timeout"));
            if (t != null && values.checkRange(m.get("keepalive-timeout"), "keepalive-timeout", t, 1, WebServerSpec.MAX_KEEPALIVE_TIMEOUT_NANOS, Setting.Kind.DURATION))
                keepAliveTimeout = t;
        }
        int keepAliveMax = 0;
        if (m.get("keepalive-max") != null) {
            Long n = values.integer(m.get("keepalive-max"), "keepalive-max", 1, WebServerSpec.MAX_KEEPALIVE_REQUESTS);
            if (n != null) keepAliveMax = n.intValue();
        }
        boolean abrupt = false;
        if (m.get("close") != null) {
            String c = values.text(m.get("close"), "graceful or abrupt");
            if ("abrupt".equals(c)) abrupt = true;
            else if (c != null && !"graceful".equals(c)) problems.add(m.get("close"), "close must be graceful or abrupt, not '" + c + "'", null);
        }
        if (httpsPort != 0 && names.isEmpty() && d.staticAddresses().isEmpty())
            problems.add(https, "an HTTPS server needs a static address or names: for its certificate", "give " + d.name + " a static ip, or add names: [www.lab.test]");
        return new WebServerSpec(port, pages, names, httpsPort, directory, keepAliveTimeout, keepAliveMax, abrupt, sites, siteFault);
    }

    /** The pages of a site; a page's own fault: is read over siteFault. */
    private List<WebServerSpec.Page> pages(YNode node, ServerFault siteFault) {
        List<WebServerSpec.Page> pages = new ArrayList<>();
        for (YEntry e : values.entries(node, "a map from path to page")) {
            if (!e.key().startsWith("/")) {
                problems.add(e.line(), e.column(), "page path '" + e.key() + "' must start with '/'", "e.g. /index.html");
                continue;
            }
            if (e.value() instanceof YScalar sc && !sc.isNull()) {
                page(pages, e.value(), new WebServerSpec.Page(e.key(), sc.text(), sc.text().getBytes(StandardCharsets.UTF_8).length));
            } else if (e.value() instanceof YMap page) {
                values.checkKeys(page, LabYamlReader.PAGE_KEYS, "a page");
                ServerFault own = page.get("fault") == null ? null : fault(page.get("fault"), siteFault);
                if ((page.get("body") == null) == (page.get("size") == null)) {
                    problems.add(page, "a page needs exactly one of 'body' or 'size'", "body: <text>, or size: 1MB for generated content");
                } else if (page.get("body") != null) {
                    String b = values.scalar(page.get("body"), "the page text");
                    if (b != null) page(pages, page.get("body"), new WebServerSpec.Page(e.key(), b, b.getBytes(StandardCharsets.UTF_8).length, own));
                } else {
                    Long size = values.unit(page.get("size"), Units::parseSize);
                    if (size != null && values.checkRange(page.get("size"), "page size", size, 0, WebServerSpec.MAX_PAGE_BYTES, Setting.Kind.SIZE))
                        page(pages, page.get("size"), new WebServerSpec.Page(e.key(), null, size, own));
                }
            } else {
                problems.add(e.value(), "page '" + e.key() + "' needs its text or { size: ... }", "e.g. \"/\": Hello, or /big: { size: 1MB }");
            }
        }
        return pages;
    }

    /** Adds a page unless the lab's web content would pass LabLimits.MAX_WEB_CONTENT_BYTES (pages are held in memory). */
    private void page(List<WebServerSpec.Page> pages, YNode at, WebServerSpec.Page p) {
        webContentBytes += p.sizeBytes();
        if (webContentBytes <= LabLimits.MAX_WEB_CONTENT_BYTES) {
            pages.add(p);
        } else if (!webLimitReported) {
            webLimitReported = true;
            problems.add(at, "the lab's web pages reach " + webContentBytes + " bytes here; the limit is " + LabLimits.MAX_WEB_CONTENT_BYTES + " bytes (256 MiB) for all pages",
                    "use smaller pages; see docs/lab-format.md#limits");
        }
    }

    private Path directory(YNode node) {
        if (node == null) return null;
        String d = values.text(node, "a directory next to the lab file");
        if (d != null && baseDir == null) {
            problems.add(node, "a web directory needs a lab file on disk", "use pages: for a built-in lab");
        } else if (d != null) {
            Path p = baseDir.resolve(d).normalize();
            String escape = escapesLabFolder(p);
            if (escape != null) problems.add(node, "web directory " + d + " " + escape,
                    "a lab serves only files in the lab file's folder, e.g. directory: site for a folder site next to it");
            else if (!Files.isDirectory(p)) problems.add(node, "no directory " + d + " next to the lab file", "it is looked up relative to the lab file");
            else return p;
        }
        return null;
    }

    /** Most entries a web directory may have; the walk that checks them must end. */
    private static final int WEB_DIRECTORY_MAX_ENTRIES = 100_000;

    /**
     * Why dir is not confined to the lab file's folder (outside it by its path, by a link to it, or by a
     * link inside it), or null when it is confined or does not exist.
     */
    private String escapesLabFolder(Path dir) {
        Path base = baseDir.toAbsolutePath().normalize();
        if (!dir.toAbsolutePath().normalize().startsWith(base)) return "is outside the lab file's folder " + base;
        if (!Files.exists(dir)) return null;
        try {
            Path realBase = base.toRealPath();
            if (!dir.toRealPath().startsWith(realBase)) return "is a link to " + dir.toRealPath() + ", outside the lab file's folder";
            try (Stream<Path> entries = Files.walk(dir).limit(WEB_DIRECTORY_MAX_ENTRIES + 1L)) {
                List<Path> all = entries.toList();
                if (all.size() > WEB_DIRECTORY_MAX_ENTRIES) return "has more than " + WEB_DIRECTORY_MAX_ENTRIES + " entries";
                for (Path e : all)
                    if (Files.isSymbolicLink(e) && !e.toRealPath().startsWith(realBase))
                        return "holds " + base.relativize(e.toAbsolutePath().normalize()) + ", a link to outside the lab file's folder";
            }
        } catch (IOException | UncheckedIOException e) {
            return "cannot be read: " + e.getMessage();
        }
        return null;
    }

    /** "sites: { blog.lab.test: { pages: ..., directory: ... } }": name-based virtual hosts (RFC 9110 §7.2). */
    private List<WebServerSpec.VirtualSite> sites(YNode node) {
        List<WebServerSpec.VirtualSite> sites = new ArrayList<>();
        for (YEntry e : values.entries(node, "a map from host name to that site's pages")) {
            if (!isDnsName(e, "host name", "e.g. sites: { blog.lab.test: { pages: { /: Hello } } }")) continue;
            YMap site = values.optionalMap(e.value(), "the site's pages or directory");
            if (site == null) continue;
            values.checkKeys(site, LabYamlReader.SITE_KEYS, "a site");
            ServerFault siteFault = fault(site.get("fault"), ServerFault.NONE);
            sites.add(new WebServerSpec.VirtualSite(e.key().toLowerCase(Locale.ROOT), pages(site.get("pages"), siteFault),
                    directory(site.get("directory")), siteFault));
        }
        return sites;
    }
}
