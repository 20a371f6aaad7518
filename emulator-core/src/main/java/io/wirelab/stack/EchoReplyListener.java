package io.wirelab.stack;

import io.wirelab.wire.ipv4.Ipv4Address;

/** Told of every ICMP echo reply the stack receives (RFC 792). */
@FunctionalInterface
public interface EchoReplyListener {
    void onEchoReply(int identifier, int sequence, Ipv4Address from, byte[] data, long now);
}
