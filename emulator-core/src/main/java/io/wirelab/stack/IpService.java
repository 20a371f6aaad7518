package io.wirelab.stack;

import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

/** What a transport protocol (UDP, TCP) needs from the IPv4 layer below it. */
public interface IpService {
    /** Bytes in front of the transport header in a frame from frameFor: the Ethernet and IPv4 headers, written in place. */
    int HEADROOM = 14 + 20;

    /**
     * A frame with HEADROOM bytes in front of a transport segment of transportLength bytes, at least the
     * 60-byte Ethernet minimum (IEEE 802.3 §4.2.3.3), so the layers below prepend their headers in place
     * as lwIP's pbufs do instead of copying the segment. The caller writes every byte of its segment and
     * sends the frame with sendInFrame; the layers below write the headroom. A stack may hand out an
     * array used before (FramePool), so only the padding after the segment is sure to be zero.
     */
    default byte[] frameFor(int transportLength) { return newFrame(transportLength); }

    /** A new zeroed frame as frameFor describes. */
    static byte[] newFrame(int transportLength) { return new byte[Math.max(60, HEADROOM + transportLength)]; }

    /**
     * Sends one IPv4 datagram carrying payload[offset, offset+length). Routes it, resolves the next
     * hop with ARP (queueing while it resolves) and fragments it if it exceeds the interface MTU.
     * Returns false, counting the reason, when it cannot be sent (no route, no source address).
     */
    boolean send(Ipv4Address source, Ipv4Address destination, IpProtocol protocol,
                 byte[] payload, int offset, int length);

    /**
     * Sends the transport segment in frame[HEADROOM, HEADROOM + length) of a frame from frameFor, as
     * send would; the IPv4 layer writes its headers into the headroom when the datagram needs no
     * fragmenting, and copies only when it must (fragments, loopback). The segment's checksum must
     * be computed already: the frame leaves marked Frame.checksumsTrusted, so lab receivers do not verify it.
     */
    default boolean sendInFrame(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, byte[] frame, int length) {
        return send(source, destination, protocol, frame, HEADROOM, length);
    }

    /** The source address this host would use toward destination, or null without a route. */
    Ipv4Address sourceFor(Ipv4Address destination);

    /** MTU of the interface that leads toward destination (1500 on Ethernet unless configured). */
    int mtuToward(Ipv4Address destination);

    /** Whether a is one of this host's addresses. */
    boolean isLocal(Ipv4Address a);
}
