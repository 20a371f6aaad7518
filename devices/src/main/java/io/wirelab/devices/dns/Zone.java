package io.wirelab.devices.dns;

import io.wirelab.wire.dns.DnsName;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** One authoritative zone (RFC 1034 §4.2): an origin, its SOA and records; lookups ignore case (RFC 4343). */
public final class Zone {
    private final DnsName origin;
    private final DnsRecord soa;
    private final TreeMap<String, List<DnsRecord>> byName = new TreeMap<>();

    public Zone(DnsName origin, DnsRdata.Soa soa, long soaTtl) {
        this.origin = origin;
        this.soa = DnsRecord.in(origin, soaTtl, soa);
        add(this.soa);
    }

    /** A zone with a conventional SOA: ns1.origin, hostmaster.origin, serial 1, 3600/600/86400/300. */
    public static Zone of(String origin) {
        DnsName o = DnsName.of(origin);
        return new Zone(o, new DnsRdata.Soa(DnsName.of("ns1").append(o), DnsName.of("hostmaster").append(o), 1, 3600, 600, 86400, 300), 300);
    }

    public DnsName origin() { return origin; }
    public DnsRecord soa() { return soa; }

    /** "@" is the origin, "name." is absolute, a name under the origin stays, anything else is relative to it. */
    public DnsName name(String text) {
        if (text.equals("@")) return origin;
        if (text.endsWith(".")) return DnsName.of(text);
        DnsName n = DnsName.of(text);
        return n.isSubdomainOf(origin) ? n : n.append(origin);
    }

    public Zone add(DnsRecord r) {
        if (!r.name().isSubdomainOf(origin)) throw new IllegalArgumentException(r.name() + " is not in zone " + origin);
        byName.computeIfAbsent(r.name().key(), k -> new ArrayList<>()).add(r);
        return this;
    }

    public Zone a(String name, String address) { return add(DnsRecord.in(name(name), 300, new DnsRdata.A(Ipv4Address.parse(address)))); }
    public Zone aaaa(String name, String address) { return add(DnsRecord.in(name(name), 300, DnsRdata.Aaaa.parse(address))); }
    public Zone cname(String name, String target) { return add(DnsRecord.in(name(name), 300, new DnsRdata.Cname(name(target)))); }
    public Zone ptr(String name, String target) { return add(DnsRecord.in(name(name), 300, new DnsRdata.Ptr(name(target)))); }
    public Zone mx(String name, int preference, String exchange) { return add(DnsRecord.in(name(name), 300, new DnsRdata.Mx(preference, name(exchange)))); }
    public Zone ns(String name, String host) { return add(DnsRecord.in(name(name), 300, new DnsRdata.Ns(name(host)))); }
    public Zone txt(String name, String... strings) { return add(DnsRecord.in(name(name), 300, new DnsRdata.Txt(List.of(strings)))); }

    /** Records at name (any case), of type, or of every type for ANY. */
    public List<DnsRecord> lookup(DnsName name, DnsRecordType type) {
        List<DnsRecord> all = byName.get(name.key());
        if (all == null) return List.of();
        if (type.equals(DnsRecordType.ANY)) return List.copyOf(all);
        List<DnsRecord> out = new ArrayList<>();
        for (DnsRecord r : all) if (r.type().equals(type)) out.add(r);
        return out;
    }

    /** True when the name owns records or is an empty non-terminal above some (RFC 8020 §2). */
    public boolean exists(DnsName name) {
        String k = name.key();
        if (byName.containsKey(k)) return true;
        String suffix = "." + k;
        for (String key : byName.keySet()) if (key.endsWith(suffix)) return true;
        return false;
    }

    /** Every record, by name. */
    public List<DnsRecord> records() {
        List<DnsRecord> out = new ArrayList<>();
        for (List<DnsRecord> l : byName.values()) out.addAll(l);
        return out;
    }
}
