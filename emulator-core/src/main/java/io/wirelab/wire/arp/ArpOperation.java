package io.wirelab.wire.arp;

/** ARP opcode (RFC 826 ar$op; IANA "ARP Operation Codes"). Unknown values survive parse → emit. */
public record ArpOperation(int value) {
    public static final ArpOperation REQUEST = new ArpOperation(1);
    public static final ArpOperation REPLY = new ArpOperation(2);

    public ArpOperation {
        if (value < 0 || value > 0xffff) throw new IllegalArgumentException("ARP opcode " + value + " is not 16 bits");
    }

    public static ArpOperation of(int value) {
        return switch (value) {
            case 1 -> REQUEST;
            case 2 -> REPLY;
            default -> new ArpOperation(value);
        };
    }

    @Override public String toString() {
        return switch (value) {
            case 1 -> "request";
            case 2 -> "reply";
            default -> "op " + value;
        };
    }
}
