package io.wirelab.wire.ipv4;

/**
 * An IPv4 Protocol field value (IANA "Assigned Internet Protocol Numbers", RFC 791 §3.1).
 * Unknown values survive parse → emit unchanged.
 */
public record IpProtocol(int value) {
    public static final IpProtocol ICMP = new IpProtocol(1);
    public static final IpProtocol TCP = new IpProtocol(6);
    public static final IpProtocol UDP = new IpProtocol(17);

    public IpProtocol {
        if (value < 0 || value > 0xff) throw new IllegalArgumentException("IP protocol " + value + " is not 8 bits");
    }

    public static IpProtocol of(int value) {
        return switch (value) {
            case 1 -> ICMP;
            case 6 -> TCP;
            case 17 -> UDP;
            default -> new IpProtocol(value);   // only unknown protocols allocate
        };
    }

    /** Whether the transport header starts with 16-bit source and destination ports (TCP, UDP). */
    public boolean hasPorts() { return value == 6 || value == 17; }

    // written out, as the record's generated ones (same values) run through method handles, slowly without C2
    @Override public boolean equals(Object o) { return o instanceof IpProtocol p && p.value == value; }
    @Override public int hashCode() { return value; }

    /** "ICMP", "TCP", "UDP", else tcpdump's "ip-proto-N". */
    @Override public String toString() {
        return switch (value) {
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            default -> "ip-proto-" + value;
        };
    }
}
