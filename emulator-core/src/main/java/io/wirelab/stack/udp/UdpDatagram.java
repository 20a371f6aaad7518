package io.wirelab.stack.udp;

import io.wirelab.stack.NetInterface;
import io.wirelab.wire.ipv4.Ipv4Address;

/** One received UDP datagram; data is a copy owned by the receiver. */
public record UdpDatagram(Ipv4Address source, int sourcePort, Ipv4Address destination,
                          int destinationPort, byte[] data, NetInterface arrivedOn) {}
