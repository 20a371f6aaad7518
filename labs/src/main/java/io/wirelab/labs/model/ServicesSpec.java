package io.wirelab.labs.model;

/** Server applications a host runs. Each is null when the host does not run it. */
public record ServicesSpec(DhcpServerSpec dhcp, DnsServerSpec dns, WebServerSpec web) {
    public static final ServicesSpec NONE = new ServicesSpec(null, null, null);

    public boolean isEmpty() { return dhcp == null && dns == null && web == null; }
}
