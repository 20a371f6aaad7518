package io.wirelab.stack;

import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * A received, validated and (if it was fragmented) reassembled IPv4 datagram as the IPv4 layer
 * hands it to a TransportHandler (ICMP, UDP, TCP). bytes[offset, offset + totalLength) is the whole datagram.
 * broadcast is true when it came as a link-layer broadcast or to an IP broadcast/multicast address.
 * checksumsTrusted: it came unfragmented in a frame a lab host's TCP built (Frame.checksumsTrusted),
 * so its transport checksum need not be verified again.
 */
public record InboundDatagram(NetInterface arrivedOn, byte[] bytes, int offset, int headerLength, int totalLength,
                              Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int ttl, boolean broadcast,
                              boolean checksumsTrusted) {
    public int payloadOffset() { return offset + headerLength; }
    public int payloadLength() { return totalLength - headerLength; }
}
