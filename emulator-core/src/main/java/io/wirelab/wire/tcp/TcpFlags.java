package io.wirelab.wire.tcp;

/** The TCP control bits (RFC 9293 §3.1; CWR/ECE from RFC 3168 §6.1). A flags value is an int bit set. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private TcpFlags() {}

    public static boolean has(int flags, int bit) { return (flags & bit) != 0; }

    /** tcpdump's notation: "S", "S.", "P.", "F.", "R", "." for a bare ACK. */
    public static String tcpdump(int flags) {
        StringBuilder sb = new StringBuilder();
        if (has(flags, SYN)) sb.append('S');
        if (has(flags, FIN)) sb.append('F');
        if (has(flags, RST)) sb.append('R');
        if (has(flags, PSH)) sb.append('P');
        if (has(flags, URG)) sb.append('U');
        if (has(flags, ECE)) sb.append('E');
        if (has(flags, CWR)) sb.append('W');
        if (has(flags, ACK)) sb.append('.');
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
