package io.wirelab.labs.model;

import java.util.List;

/** An authoritative DNS server (RFC 1035) for the zones listed, in file order. */
public record DnsServerSpec(List<DnsZoneSpec> zones) {
    public DnsServerSpec {
        zones = List.copyOf(zones);
    }
}
