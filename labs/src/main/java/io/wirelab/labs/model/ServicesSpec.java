package io.wirelab.labs.model;

/** Server applications a host runs. Each is null when the host does not run it. */
public record ServicesSpec(DhcpServerSpec dhcp, DnsServerSpec dns, WebServerSpec web, ProxyServerSpec proxy) {
    public static final ServicesSpec NONE = new ServicesSpec(null, null, null, null);

    public ServicesSpec(DhcpServerSpec dhcp, DnsServerSpec dns, WebServerSpec web) { this(dhcp, dns, web, null); }

    public boolean isEmpty() { return dhcp == null && dns == null && web == null && proxy == null; }
}
