package io.wirelab.stack;

import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

/** What a transport protocol (UDP, TCP) needs from the IPv4 layer below it. */
public interface IpService {
    /**
     * Sends one IPv4 datagram carrying payload[offset, offset+length). Routes it, resolves the next
     * hop with ARP (queueing while it resolves) and fragments it if it exceeds the interface MTU.
     * Returns false, counting the reason, when it cannot be sent (no route, no source address).
     */
    boolean send(Ipv4Address source, Ipv4Address destination, IpProtocol protocol,
                 byte[] payload, int offset, int length);

    /** The source address this host would use toward destination, or null without a route. */
    Ipv4Address sourceFor(Ipv4Address destination);

    /** MTU of the interface that leads toward destination (1500 on Ethernet unless configured). */
    int mtuToward(Ipv4Address destination);

    /** Whether a is one of this host's addresses. */
    boolean isLocal(Ipv4Address a);
}
