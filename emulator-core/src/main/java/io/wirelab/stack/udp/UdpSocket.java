package io.wirelab.stack.udp;

import io.wirelab.stack.Icmpv4Error;
import io.wirelab.stack.NetInterface;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.function.Consumer;

/** A bound UDP endpoint (RFC 768). Created by UdpLayer.bind(); sends go through the layer. */
public final class UdpSocket {
    private final UdpLayer layer;
    private final Ipv4Address localAddress;
    private final int localPort;
    private final UdpReceiver receiver;
    private Consumer<Icmpv4Error> onError = e -> {};
    private Icmpv4Error lastError;
    private boolean closed;

    UdpSocket(UdpLayer layer, Ipv4Address localAddress, int localPort, UdpReceiver receiver) {
        this.layer = layer;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.receiver = receiver;
    }

    public Ipv4Address localAddress() { return localAddress; }
    public int localPort() { return localPort; }
    public boolean isClosed() { return closed; }

    /** Sends data to dst:dstPort through routing and ARP. Returns false if it could not leave. */
    public boolean sendTo(Ipv4Address dst, int dstPort, byte[] data) {
        return layer.sendTo(this, dst, dstPort, data);
    }

    /** Sends one datagram out of iface to dstMac with the given source: no routing, no ARP (DHCP). */
    public boolean sendVia(NetInterface iface, Ipv4Address src, Ipv4Address dst, int dstPort, MacAddress dstMac, byte[] data) {
        return layer.sendVia(this, iface, src, dst, dstPort, dstMac, data);
    }

    /** Called with ICMP errors (port unreachable, ...) about datagrams this socket sent. */
    public void onError(Consumer<Icmpv4Error> handler) { this.onError = handler; }

    /** The last ICMP error reported to this socket (like SO_ERROR), or null. */
    public Icmpv4Error lastError() { return lastError; }

    public void close() {
        if (closed) return;
        closed = true;
        layer.unbind(this);
    }

    void deliver(UdpDatagram d, long now) { receiver.receive(d, now); }

    void error(Icmpv4Error e) {
        lastError = e;
        onError.accept(e);
    }

    @Override public String toString() { return "udp " + localAddress + ":" + localPort + (closed ? " (closed)" : ""); }
}
