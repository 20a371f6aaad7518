package io.wirelab.stack.udp;

/** Receives the datagrams of one bound UDP socket. */
@FunctionalInterface
public interface UdpReceiver {
    void receive(UdpDatagram datagram, long now);
}
