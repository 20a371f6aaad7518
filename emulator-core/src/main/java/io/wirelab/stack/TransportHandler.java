package io.wirelab.stack;

/** A protocol registered with the IPv4 layer by its protocol number (ICMP, UDP, TCP). */
@FunctionalInterface
public interface TransportHandler {
    /** One validated, reassembled datagram addressed to this host; its payload is the protocol's message. */
    void receive(InboundDatagram datagram, long now);

    /**
     * Whether receive keeps no reference to the datagram's bytes once it returns (it copies whatever it
     * keeps), so the frame they arrived in may be reused (Frame.recycle). False unless a handler says so.
     */
    default boolean releasesBytes() { return false; }
}
