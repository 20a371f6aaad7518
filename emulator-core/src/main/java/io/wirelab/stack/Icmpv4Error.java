package io.wirelab.stack;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * An ICMP destination unreachable or time exceeded about a datagram this host sent (RFC 792,
 * RFC 1122 §3.2.2.1). originalTransport holds the first bytes (at least 8) of the original
 * datagram's payload, e.g. the UDP/TCP ports. local is true when this host generated it itself
 * (ARP resolution failed), the way Linux reports "Destination Host Unreachable" from its own address.
 */
public record Icmpv4Error(int type, int code, int nextHopMtu, Ipv4Address reporter,
                          Ipv4Address originalSource, Ipv4Address originalDestination, IpProtocol originalProtocol,
                          byte[] originalTransport, boolean local) {
    public boolean isUnreachable() { return type == Icmpv4Message.TYPE_DESTINATION_UNREACHABLE; }
    public boolean isTimeExceeded() { return type == Icmpv4Message.TYPE_TIME_EXCEEDED; }

    /** UDP/TCP source port (or ICMP type/code) of the original datagram. */
    public int originalSourcePort() { return originalTransport.length >= 2 ? Bytes.u16(originalTransport, 0) : -1; }
    public int originalDestinationPort() { return originalTransport.length >= 4 ? Bytes.u16(originalTransport, 2) : -1; }

    /** "Destination Port Unreachable", in ping(8)'s words. */
    public String describe() {
        if (isTimeExceeded()) return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
        return switch (code) {
            case Icmpv4Message.CODE_NET_UNREACHABLE -> "Destination Net Unreachable";
            case Icmpv4Message.CODE_HOST_UNREACHABLE -> "Destination Host Unreachable";
            case Icmpv4Message.CODE_PROTOCOL_UNREACHABLE -> "Destination Protocol Unreachable";
            case Icmpv4Message.CODE_PORT_UNREACHABLE -> "Destination Port Unreachable";
            case Icmpv4Message.CODE_FRAGMENTATION_NEEDED -> "Frag needed and DF set (mtu = " + nextHopMtu + ")";
            default -> "Dest Unreachable, Bad Code: " + code;
        };
    }
}
