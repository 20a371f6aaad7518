package io.wirelab.stack.tcp;

import io.wirelab.wire.icmpv4.Icmpv4Message;

/**
 * What an ICMP error means to TCP: the errno Linux's icmp_err_convert table gives it (net/ipv4/icmp.c),
 * as a connect failure reason and strerror text. RFC 1122 §4.2.3.9 calls codes 0, 1 and 5 soft and
 * 2-4 hard; Linux aborts a handshake on any of them and never aborts a synchronized connection
 * (tcp_v4_err), which is what TcpConnection does.
 */
enum IcmpErrorKind {
    NET_UNREACHABLE(TcpException.Reason.NET_UNREACHABLE, "network is unreachable"),     // ENETUNREACH
    HOST_UNREACHABLE(TcpException.Reason.HOST_UNREACHABLE, "no route to host"),         // EHOSTUNREACH
    HOST_DOWN(TcpException.Reason.HOST_UNREACHABLE, "host is down"),                    // EHOSTDOWN
    NOT_ON_NETWORK(TcpException.Reason.HOST_UNREACHABLE, "machine is not on the network"),   // ENONET
    SOURCE_ROUTE_FAILED(TcpException.Reason.HOST_UNREACHABLE, "operation not supported"),  // EOPNOTSUPP
    PROTOCOL_UNREACHABLE(TcpException.Reason.PROTOCOL_UNREACHABLE, "protocol not available"),   // ENOPROTOOPT
    PORT_UNREACHABLE(TcpException.Reason.REFUSED, "connection refused"),                // ECONNREFUSED
    FRAGMENTATION_NEEDED(null, "message too long"),                                    // EMSGSIZE, RFC 1191
    TIME_EXCEEDED(TcpException.Reason.HOST_UNREACHABLE, "no route to host");            // EHOSTUNREACH

    private final TcpException.Reason failure;
    private final String message;

    IcmpErrorKind(TcpException.Reason failure, String message) {
        this.failure = failure;
        this.message = message;
    }

    /** The reason a connect fails with. */
    TcpException.Reason failure() { return failure; }
    /** strerror() of Linux's errno, e.g. "no route to host". */
    String message() { return message; }

    /** Whether Linux drops a half-open request on it (tcp_req_err): net/host unreachable and time exceeded. */
    boolean abortsRequest() { return this == NET_UNREACHABLE || this == HOST_UNREACHABLE || this == TIME_EXCEEDED; }

    /** The kind of a destination unreachable (type 3) or time exceeded (11), or null for one TCP ignores. */
    static IcmpErrorKind of(int type, int code) {
        if (type == Icmpv4Message.TYPE_TIME_EXCEEDED) return TIME_EXCEEDED;
        if (type != Icmpv4Message.TYPE_DESTINATION_UNREACHABLE) return null;
        return switch (code) {                                 // RFC 1812 §5.2.7.1 code names
            case 0, 6, 9, 11 -> NET_UNREACHABLE;                 // net unreachable, unknown, prohibited, for TOS
            case 1, 10, 12, 13, 14, 15 -> HOST_UNREACHABLE;      // host unreachable, prohibited, for TOS, filtered, precedence
            case 2 -> PROTOCOL_UNREACHABLE;
            case 3 -> PORT_UNREACHABLE;
            case 4 -> FRAGMENTATION_NEEDED;
            case 5 -> SOURCE_ROUTE_FAILED;
            case 7 -> HOST_DOWN;                                 // destination host unknown
            case 8 -> NOT_ON_NETWORK;                            // source host isolated
            default -> null;                                     // Linux: code > NR_ICMP_UNREACH is ignored
        };
    }
}
