package io.wirelab.wire.ipv4;

/** IPv4 protocol numbers this stack knows (IANA "Assigned Internet Protocol Numbers"). */
public enum IpProtocol {
    ICMP(1), TCP(6), UDP(17), OTHER(-1);

    private final int value;

    IpProtocol(int value) { this.value = value; }

    public int value() { return value; }

    public static IpProtocol of(int value) {
        return switch (value) {
            case 1 -> ICMP;
            case 6 -> TCP;
            case 17 -> UDP;
            default -> OTHER;
        };
    }
}
