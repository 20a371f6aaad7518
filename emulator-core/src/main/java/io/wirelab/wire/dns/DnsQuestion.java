package io.wirelab.wire.dns;

/** One question entry (RFC 1035 §4.1.2). */
public record DnsQuestion(DnsName name, DnsRecordType type, int qclass) {
    public static final int CLASS_IN = 1;

    public static DnsQuestion in(String name, DnsRecordType type) { return new DnsQuestion(DnsName.of(name), type, CLASS_IN); }

    @Override public String toString() { return name + " " + type; }
}
