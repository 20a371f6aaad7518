package io.wirelab.stack;

import io.wirelab.wire.ipv4.Ipv4Address;

/** A transport protocol registered with the IPv4 layer; receives the datagram's payload. */
@FunctionalInterface
public interface TransportHandler {
    /** bytes[offset, offset+length) is the transport header and data of a reassembled datagram. */
    void receive(Ipv4Address source, Ipv4Address destination, byte[] bytes, int offset, int length, long now);
}
