package io.wirelab.labs.build;

import io.wirelab.devices.dhcp.DhcpPoolConfig;
import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientOptions;
import io.wirelab.devices.dns.DnsServer;
import io.wirelab.devices.dns.Zone;
import io.wirelab.devices.dns.resolver.ResolverConfig;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.proxy.HttpProxy;
import io.wirelab.devices.proxy.ProxyConfig;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.labs.model.DhcpServerSpec;
import io.wirelab.labs.model.DnsServerSpec;
import io.wirelab.labs.model.DnsZoneSpec;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.HttpClients;
import io.wirelab.labs.run.WebService;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The services every lab gets (LabBuilder's default installer). On every host: a stub resolver,
 * configured from the node's {@code dns:} servers, or else from DHCP. On each {@code ip: dhcp}
 * interface: a DHCP client started at once, like a PC booting with DHCP in Packet Tracer; its
 * first DISCOVER leaves within the first virtual second. Servers from {@code services:} start at
 * time 0 on the host's stack: {@code dhcp} (one pool in the subnet of the server's interface that
 * holds the pool), {@code dns} (authoritative zones), {@code web} (see {@link WebServers}) and
 * {@code proxy} (an HTTP proxy, smart or dumb).
 * Every host also gets its HTTP clients (trusting the lab CA). Returns all of it as the host's
 * {@link HostRuntime}.
 */
public final class StandardServices implements ServiceInstaller {
    @Override public HostRuntime install(NodeSpec node, Host host, LabContext lab) {
        StubResolver resolver = new StubResolver(host.stack(), ResolverConfig.defaults().withServers(node.dnsServers()), node.tcp());
        DhcpServer dhcpServer = node.services().dhcp() == null ? null : dhcpServer(node, host, node.services().dhcp());
        DnsServer dnsServer = node.services().dns() == null ? null : dnsServer(node, host, node.services().dns());
        HttpClients http = new HttpClients(host, httpTcp(node), resolver, lab.tls(),
                node.proxy() == null ? null : HttpClients.proxyAddress(lab.spec(), node.proxy())).trust(node.trust());
        WebService web = node.services().web() == null ? null : WebServers.start(lab, node, host, node.services().web());
        HttpProxy proxy = node.services().proxy() == null ? null : proxy(node, host, deviceNamesThen(lab.spec(), NameResolver.of(resolver)));
        LinkedHashMap<String, DhcpClient> dhcpClients = new LinkedHashMap<>();
        for (InterfaceSpec i : node.interfaces()) {
            if (!i.dhcp()) continue;
            DhcpClient c = new DhcpClient(host.stack(), host.stack().iface(i.name()), DhcpClientOptions.defaults().withHostName(node.name()));
            // RFC 2132 §3.8 / §3.17: DNS servers and domain from the lease, unless the lab names servers itself
            if (node.dnsServers().isEmpty()) resolver.useDhcp(c);
            dhcpClients.put(i.name(), c);
            c.start();
        }
        return new HostRuntime(host, node.tcp(), resolver, dhcpClients, dhcpServer, dnsServer, web, http, proxy);
    }

    /** `services: proxy:` on the host's TCP with the HTTP settings (TCP_NODELAY), named after the host in Via. */
    static HttpProxy proxy(NodeSpec node, Host host, NameResolver names) {
        TcpTransport transport = new TcpTransport(host.stack().tcp(), httpTcp(node));
        HttpProxy p = new HttpProxy(host.simulator(), ProxyConfig.of(node.services().proxy().mode(), node.name()), transport, names);
        p.listen(transport, node.services().proxy().port());
        return p;
    }

    /** A device of the lab by name (its first static address), else dns: as the DSL names hosts, so a URL may name a device. */
    static NameResolver deviceNamesThen(LabSpec lab, NameResolver dns) {
        return name -> {
            NodeSpec n = lab == null ? null : lab.node(name);
            if (n != null)
                for (InterfaceSpec i : n.interfaces())
                    if (i.address() != null) return CompletableFuture.completedFuture(i.address().address());
            return dns.resolve(name);
        };
    }

    /**
     * The TCP settings of a host's HTTP clients and server: its own, with TCP_NODELAY as curl (since
     * 7.50.2) and nginx (tcp_nodelay on) set it, unless the lab sets nagle: for the host.
     */
    static TcpOptions httpTcp(NodeSpec node) { return node.labSetsNagle() ? node.tcp() : node.tcp().withNoDelay(true); }

    static DhcpServer dhcpServer(NodeSpec node, Host host, DhcpServerSpec spec) {
        DhcpServer server = new DhcpServer(host.stack(), host.simulator());
        for (DhcpServerSpec.Pool p : spec.pools()) {
            Ipv4Cidr subnet = p.subnet();
            for (NetInterface i : host.stack().interfaces()) {
                Ipv4Cidr c = i.cidr();
                if (subnet == null && c != null && c.contains(p.first()) && c.contains(p.last())) subnet = new Ipv4Cidr(c.network(), c.prefixLength());
            }
            if (subnet == null)
                throw new LabBuildException(node.name() + ": the DHCP pool " + p.first() + "-" + p.last()
                        + " lies in no subnet of its static interfaces");
            long leaseSeconds = Math.max(1, p.leaseNanos() / SimTime.SECOND);
            server.addPool(new DhcpPoolConfig(subnet, p.first(), p.last(), p.router() == null ? List.of() : List.of(p.router()),
                    p.dnsServers(), p.domain(), leaseSeconds, Map.of()));
        }
        return server.start();
    }

    static DnsServer dnsServer(NodeSpec node, Host host, DnsServerSpec spec) {
        DnsServer s = new DnsServer(host.stack(), node.tcp());
        for (DnsZoneSpec zs : spec.zones()) {
            Zone z = Zone.of(zs.name());
            for (DnsZoneSpec.ARecord r : zs.records()) z.a(r.name(), r.address().toString());
            for (DnsZoneSpec.Record r : zs.others()) {
                switch (r.type()) {
                    case AAAA -> z.aaaa(r.name(), r.value());
                    case CNAME -> z.cname(r.name(), r.value());
                    case PTR -> z.ptr(r.name(), r.value());
                    case NS -> z.ns(r.name(), r.value());
                    case TXT -> z.txt(r.name(), r.value());
                    case MX -> {
                        String[] parts = r.value().split("\\s+");
                        z.mx(r.name(), Integer.parseInt(parts[0]), parts[1]);
                    }
                }
            }
            s.addZone(z);
        }
        return s.start();
    }

}
