package io.wirelab.stack.tcp;

import io.wirelab.wire.ipv4.Ipv4Address;

/** One row of `ss -tan`: state, queues and the 4-tuple. Listeners have remote 0.0.0.0:0. */
public record TcpSocketInfo(TcpState state, int recvQ, int sendQ, Ipv4Address localAddress, int localPort,
                            Ipv4Address remoteAddress, int remotePort) {
    @Override public String toString() {
        return String.format("%-11s %6d %6d %21s %21s", state, recvQ, sendQ,
                localAddress + ":" + localPort, remotePort == 0 ? "*:*" : remoteAddress + ":" + remotePort);
    }
}
