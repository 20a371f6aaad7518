package io.wirelab.devices.dns.resolver;

import io.wirelab.wire.dns.DnsName;
import io.wirelab.wire.dns.DnsRcode;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.List;

/** One answered query: records have TTLs as remaining at the time of the answer; server is null for hosts/cache hits. */
public record DnsAnswer(DnsName name, DnsRecordType type, int rcode, List<DnsRecord> records, List<DnsRecord> authority,
                        boolean authoritative, boolean fromCache, Ipv4Address server) {
    public DnsAnswer {
        records = List.copyOf(records);
        authority = List.copyOf(authority);
    }

    /** The A addresses in the answer, CNAMEs skipped. */
    public List<Ipv4Address> addresses() {
        return records.stream().filter(r -> r.data() instanceof io.wirelab.wire.dns.DnsRdata.A)
                .map(r -> ((io.wirelab.wire.dns.DnsRdata.A) r.data()).address()).toList();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(' ').append(type).append(": ").append(DnsRcode.name(rcode));
        if (fromCache) sb.append(" (cached)");
        for (DnsRecord r : records) sb.append("\n  ").append(r);
        return sb.toString();
    }
}
