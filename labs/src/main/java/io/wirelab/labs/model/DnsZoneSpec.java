package io.wirelab.labs.model;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/** One zone ("lab.test") and its A records. A record named "@" is the zone apex. */
public record DnsZoneSpec(String name, List<ARecord> records) {
    public DnsZoneSpec {
        records = List.copyOf(records);
    }

    /** An A record; name is relative to the zone ("www") or "@". */
    public record ARecord(String name, Ipv4Address address) {
        public String fqdn(String zone) { return name.equals("@") ? zone : name + "." + zone; }
    }
}
