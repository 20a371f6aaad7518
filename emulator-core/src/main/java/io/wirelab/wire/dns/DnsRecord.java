package io.wirelab.wire.dns;

import io.wirelab.wire.ipv4.Ipv4Address;

/** A resource record (RFC 1035 §4.1.3). For OPT (RFC 6891 §6.1.2) rrClass is the UDP payload size and ttl the extended flags. */
public record DnsRecord(DnsName name, DnsRecordType type, int rrClass, long ttl, DnsRdata data) {
    public static final int CLASS_IN = 1;

    public DnsRecord {
        if (rrClass < 0 || rrClass > 0xffff) throw new IllegalArgumentException("class " + rrClass);
        if (ttl < 0 || ttl > 0xffff_ffffL) throw new IllegalArgumentException("ttl " + ttl);
        boolean fits = switch (data) {
            case DnsRdata.A a -> type.equals(DnsRecordType.A);
            case DnsRdata.Aaaa a -> type.equals(DnsRecordType.AAAA);
            case DnsRdata.Ns n -> type.equals(DnsRecordType.NS);
            case DnsRdata.Cname c -> type.equals(DnsRecordType.CNAME);
            case DnsRdata.Ptr p -> type.equals(DnsRecordType.PTR);
            case DnsRdata.Mx m -> type.equals(DnsRecordType.MX);
            case DnsRdata.Soa s -> type.equals(DnsRecordType.SOA);
            case DnsRdata.Txt t -> type.equals(DnsRecordType.TXT);
            case DnsRdata.Raw r -> true;
        };
        if (!fits) throw new IllegalArgumentException(data.getClass().getSimpleName() + " data for type " + type);
    }

    public static DnsRecord in(DnsName name, long ttl, DnsRdata data) {
        DnsRecordType t = switch (data) {
            case DnsRdata.A a -> DnsRecordType.A;
            case DnsRdata.Aaaa a -> DnsRecordType.AAAA;
            case DnsRdata.Ns n -> DnsRecordType.NS;
            case DnsRdata.Cname c -> DnsRecordType.CNAME;
            case DnsRdata.Ptr p -> DnsRecordType.PTR;
            case DnsRdata.Mx m -> DnsRecordType.MX;
            case DnsRdata.Soa s -> DnsRecordType.SOA;
            case DnsRdata.Txt t2 -> DnsRecordType.TXT;
            case DnsRdata.Raw r -> throw new IllegalArgumentException("raw data needs an explicit type");
        };
        return new DnsRecord(name, t, CLASS_IN, ttl, data);
    }

    public static DnsRecord a(String name, long ttl, String address) {
        return in(DnsName.of(name), ttl, new DnsRdata.A(Ipv4Address.parse(address)));
    }

    /** An OPT pseudo-RR advertising udpPayloadSize, no options (RFC 6891 §6.1.2). */
    public static DnsRecord opt(int udpPayloadSize) {
        return new DnsRecord(DnsName.ROOT, DnsRecordType.OPT, udpPayloadSize, 0, new DnsRdata.Raw(new byte[0]));
    }

    public DnsRecord withTtl(long newTtl) { return new DnsRecord(name, type, rrClass, newTtl, data); }

    public DnsRecord withName(DnsName newName) { return new DnsRecord(newName, type, rrClass, ttl, data); }

    @Override public String toString() { return name + " " + ttl + " " + type + " " + data; }
}
