package io.wirelab.labs.model;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/**
 * One zone ("lab.test"): its A records, and its other records (AAAA, CNAME, PTR, MX, NS, TXT) in
 * file order. A name "@" is the zone apex. The SOA is generated for every zone.
 */
public record DnsZoneSpec(String name, List<ARecord> records, List<Record> others) {
    public DnsZoneSpec {
        records = List.copyOf(records);
        others = List.copyOf(others);
    }

    public DnsZoneSpec(String name, List<ARecord> records) { this(name, records, List.of()); }

    /** A record type the lab file names in lower case ("aaaa", "cname", ...). */
    public enum Type { AAAA, CNAME, PTR, MX, NS, TXT }

    /** A record other than A, with its value as written ("10 mail" for MX, a name for CNAME/PTR/NS). */
    public record Record(String name, Type type, String value) {}

    /** An A record; name is relative to the zone ("www") or "@". */
    public record ARecord(String name, Ipv4Address address) {
        public String fqdn(String zone) { return name.equals("@") ? zone : name + "." + zone; }
    }
}
