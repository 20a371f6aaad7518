package io.wirelab.wire.dhcp;

/** Option codes used by this stack (RFC 2132); any other code round-trips as raw bytes. */
public final class DhcpOptionCode {
    private DhcpOptionCode() {}

    public static final int PAD = 0;                    // RFC 2132 §3.1
    public static final int SUBNET_MASK = 1;            // RFC 2132 §3.3
    public static final int ROUTER = 3;                 // RFC 2132 §3.5
    public static final int DOMAIN_NAME_SERVER = 6;     // RFC 2132 §3.8
    public static final int HOST_NAME = 12;             // RFC 2132 §3.14
    public static final int DOMAIN_NAME = 15;           // RFC 2132 §3.17
    public static final int BROADCAST_ADDRESS = 28;     // RFC 2132 §5.3
    public static final int REQUESTED_ADDRESS = 50;     // RFC 2132 §9.1
    public static final int LEASE_TIME = 51;            // RFC 2132 §9.2
    public static final int OVERLOAD = 52;              // RFC 2132 §9.3
    public static final int MESSAGE_TYPE = 53;          // RFC 2132 §9.6
    public static final int SERVER_IDENTIFIER = 54;     // RFC 2132 §9.7
    public static final int PARAMETER_REQUEST_LIST = 55; // RFC 2132 §9.8
    public static final int MESSAGE = 56;               // RFC 2132 §9.9
    public static final int MAX_MESSAGE_SIZE = 57;      // RFC 2132 §9.10
    public static final int RENEWAL_TIME = 58;          // RFC 2132 §9.11
    public static final int REBINDING_TIME = 59;        // RFC 2132 §9.12
    public static final int VENDOR_CLASS = 60;          // RFC 2132 §9.13
    public static final int CLIENT_IDENTIFIER = 61;     // RFC 2132 §9.14
    public static final int END = 255;                  // RFC 2132 §3.2
}
