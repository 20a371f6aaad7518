package io.wirelab.stack;

/** A protocol registered with the IPv4 layer by its protocol number (ICMP, UDP, TCP). */
@FunctionalInterface
public interface TransportHandler {
    /** One validated, reassembled datagram addressed to this host; its payload is the protocol's message. */
    void receive(InboundDatagram datagram, long now);
}
