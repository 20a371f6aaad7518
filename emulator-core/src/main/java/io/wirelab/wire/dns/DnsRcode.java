package io.wirelab.wire.dns;

/** RCODE (RFC 1035 §4.1.1). */
public final class DnsRcode {
    private DnsRcode() {}

    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;
    public static final int REFUSED = 5;

    public static String name(int rcode) {
        return switch (rcode) {
            case 0 -> "NOERROR"; case 1 -> "FORMERR"; case 2 -> "SERVFAIL"; case 3 -> "NXDOMAIN";
            case 4 -> "NOTIMP"; case 5 -> "REFUSED"; default -> "RCODE" + rcode;
        };
    }
}
