package io.wirelab.stack;

/**
 * What a router installs in its stack's IPv4 layer (RFC 1812 §5.2): it receives every valid datagram
 * (header checksum verified) that is not addressed to the stack, and every forwarded frame whose next
 * hop did not answer ARP.
 */
public interface ForwardingHandler {
    /** A datagram at b[off, off + length) arrived on in for another host; linkBroadcast: sent to ff:ff:ff:ff:ff:ff. */
    void forward(NetInterface in, byte[] b, int off, int length, boolean linkBroadcast, long now);

    /** A forwarded datagram at frame[off, off + length) was queued for a next hop on out that never answered ARP. */
    void onResolutionFailed(NetInterface out, byte[] frame, int off, int length, long now);
}
