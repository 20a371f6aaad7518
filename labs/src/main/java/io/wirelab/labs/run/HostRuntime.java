package io.wirelab.labs.run;

import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dns.DnsServer;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.proxy.HttpProxy;
import io.wirelab.stack.tcp.TcpOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * What runs on one host of a lab: the host, its TCP settings from the lab file (every application
 * below was given them when it was made), its stub resolver, a DHCP client per {@code ip: dhcp}
 * interface in interface order, the servers its {@code services:} start (null when it runs none)
 * and its HTTP clients; proxy is its {@code services: proxy:} (null: none). LabBuilder's ServiceInstaller
 * makes one per host; {@link Lab} owns them.
 * resolver and http are null only for a lab built without services.
 */
public record HostRuntime(Host host, TcpOptions tcp, StubResolver resolver, SequencedMap<String, DhcpClient> dhcpClients,
                          DhcpServer dhcpServer, DnsServer dnsServer, WebService web, HttpClients http, HttpProxy proxy) {
    public HostRuntime {
        dhcpClients = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(dhcpClients));
    }

    public HostRuntime(Host host, TcpOptions tcp, StubResolver resolver, SequencedMap<String, DhcpClient> dhcpClients,
                       DhcpServer dhcpServer, DnsServer dnsServer, WebService web, HttpClients http) {
        this(host, tcp, resolver, dhcpClients, dhcpServer, dnsServer, web, http, null);
    }

    /** A host that runs nothing (a lab built without services). */
    public static HostRuntime bare(Host host, TcpOptions tcp) {
        return new HostRuntime(host, tcp, null, new LinkedHashMap<>(), null, null, null, null);
    }

    public String name() { return host.name(); }

    /** The client of the first interface that uses DHCP, or null. */
    public DhcpClient dhcpClient() { return dhcpClients.isEmpty() ? null : dhcpClients.firstEntry().getValue(); }
}
