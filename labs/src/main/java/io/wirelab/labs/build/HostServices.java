package io.wirelab.labs.build;

import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dns.DnsServer;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.host.Host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What StandardServices started on one host: its stub resolver (every host has one), a DHCP client
 * per interface configured with {@code ip: dhcp}, and the DHCP and DNS servers it runs (or null).
 * Registered on the host: {@code host.app(HostServices.class)}.
 */
public final class HostServices {
    private final Host host;
    private final StubResolver resolver;
    private final Map<String, DhcpClient> dhcpClients = new LinkedHashMap<>();
    private DhcpServer dhcpServer;
    private DnsServer dnsServer;

    HostServices(Host host, StubResolver resolver) {
        this.host = host;
        this.resolver = resolver;
    }

    public Host host() { return host; }
    public StubResolver resolver() { return resolver; }

    /** DHCP clients by interface name, in interface order. */
    public Map<String, DhcpClient> dhcpClients() { return Collections.unmodifiableMap(dhcpClients); }

    /** The client of the first interface that uses DHCP, or null. */
    public DhcpClient dhcpClient() { return dhcpClients.isEmpty() ? null : dhcpClients.values().iterator().next(); }

    public DhcpServer dhcpServer() { return dhcpServer; }
    public DnsServer dnsServer() { return dnsServer; }

    void addDhcpClient(String iface, DhcpClient c) { dhcpClients.put(iface, c); }
    void setDhcpServer(DhcpServer s) { dhcpServer = s; }
    void setDnsServer(DnsServer s) { dnsServer = s; }
}
