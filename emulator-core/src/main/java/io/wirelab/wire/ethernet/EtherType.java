package io.wirelab.wire.ethernet;

/** EtherType (IEEE 802.3 Length/Type field, values >= 0x0600). Unknown values survive parse → emit unchanged. */
public record EtherType(int value) {
    public static final EtherType IPV4 = new EtherType(0x0800);
    public static final EtherType ARP = new EtherType(0x0806);
    public static final EtherType VLAN = new EtherType(0x8100);
    public static final EtherType IPV6 = new EtherType(0x86dd);

    public EtherType {
        if (value < 0 || value > 0xffff) throw new IllegalArgumentException("EtherType " + value + " is not 16 bits");
    }

    public static EtherType of(int value) {
        return switch (value) {
            case 0x0800 -> IPV4;
            case 0x0806 -> ARP;
            case 0x8100 -> VLAN;
            case 0x86dd -> IPV6;
            default -> new EtherType(value);   // only unknown types allocate
        };
    }

    // written out, as the record's generated ones (same values) run through method handles, slowly without C2
    @Override public boolean equals(Object o) { return o instanceof EtherType t && t.value == value; }
    @Override public int hashCode() { return value; }

    @Override public String toString() {
        return switch (value) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x8100 -> "802.1Q";
            case 0x86dd -> "IPv6";
            default -> String.format("0x%04x", value);
        };
    }
}
