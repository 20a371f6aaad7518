package io.wirelab.wire.dhcp;

/** Option 53 values (RFC 2132 §9.6). */
public enum DhcpMessageType {
    DISCOVER(1), OFFER(2), REQUEST(3), DECLINE(4), ACK(5), NAK(6), RELEASE(7), INFORM(8);

    private final int code;

    DhcpMessageType(int code) { this.code = code; }

    public int code() { return code; }

    /** The type for a code, or null for a code RFC 2132 does not define. */
    public static DhcpMessageType of(int code) {
        return code >= 1 && code <= 8 ? values()[code - 1] : null;
    }

    @Override public String toString() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
