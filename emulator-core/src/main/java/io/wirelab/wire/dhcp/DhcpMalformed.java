package io.wirelab.wire.dhcp;

/** Why a BOOTP/DHCP message was rejected by the parser. Counters use lowerCase names: dhcp.rx.drop.truncated. */
public enum DhcpMalformed {
    NONE,
    /** Shorter than the 236-byte fixed BOOTP header (RFC 2131 §2). */
    TRUNCATED,
    /** op is neither BOOTREQUEST (1) nor BOOTREPLY (2) (RFC 2131 §2). */
    BAD_OP,
    /** hlen larger than the 16-byte chaddr field (RFC 2131 §2). */
    BAD_HLEN,
    /** The four octets after the header are not 99.130.83.99 (RFC 2131 §3, RFC 2132 §2). */
    NO_MAGIC_COOKIE,
    /** An option's length runs past the end of its field (RFC 2132 §2). */
    OPTION_OVERRUN,
    /** Option 52 with a length other than 1 or a value other than 1..3 (RFC 2132 §9.3). */
    BAD_OVERLOAD;
}
