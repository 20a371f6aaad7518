package io.wirelab.stack.udp;

import io.wirelab.sim.SimRandom;
import io.wirelab.stack.AddressBloom;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.stack.Icmpv4Layer;
import io.wirelab.stack.InboundDatagram;
import io.wirelab.stack.Ipv4Layer;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.StackCounters;
import io.wirelab.stack.StackEvent;
import io.wirelab.stack.TransportHandler;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.udp.UdpHeader;
import io.wirelab.wire.udp.UdpView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * UDP (RFC 768, RFC 1122 §4.1): sockets bound to (address or any, port), checksum always sent and
 * verified, ICMP port unreachable for unicast to a closed port, broadcasts to every socket bound
 * to the port with the any address.
 */
public final class UdpLayer implements TransportHandler {
    /** Linux net.ipv4.ip_local_port_range. */
    public static final int EPHEMERAL_FIRST = 32768, EPHEMERAL_LAST = 60999;

    private final StackCounters counters;
    private final Ipv4Layer ipv4;
    private final Icmpv4Layer icmp;
    private final TreeMap<Integer, List<UdpSocket>> sockets = new TreeMap<>();
    private final AddressBloom boundPorts = new AddressBloom();
    private final UdpView view = new UdpView();
    private int nextEphemeral;

    public UdpLayer(StackCounters counters, Ipv4Layer ipv4, Icmpv4Layer icmp, SimRandom random) {
        this.counters = counters;
        this.ipv4 = ipv4;
        this.icmp = icmp;
        this.nextEphemeral = EPHEMERAL_FIRST + random.nextInt(EPHEMERAL_LAST - EPHEMERAL_FIRST + 1);
        icmp.addErrorListener(this::onIcmpError);
    }

    /**
     * Binds (localOrAny, port); port 0 picks a free ephemeral port. Throws UdpBindException when
     * the port is taken by a socket on the same address or either one is bound to any.
     */
    public UdpSocket bind(Ipv4Address localOrAny, int port, UdpReceiver receiver) {
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        Ipv4Address local = localOrAny == null ? Ipv4Address.ANY : localOrAny;
        if (port == 0) port = ephemeral(local);
        else if (inUse(local, port)) throw new UdpBindException("port in use: udp " + local + ":" + port);
        UdpSocket s = new UdpSocket(this, local, port, receiver);
        sockets.computeIfAbsent(port, k -> new ArrayList<>()).add(s);
        boundPorts.add(port);
        return s;
    }

    /** The bound ports: mayHold(port) is false when no socket is bound to port (no map lookup, for a flood's receivers). */
    public AddressBloom boundPorts() { return boundPorts; }

    /** Bound sockets in port order. */
    public List<UdpSocket> sockets() {
        List<UdpSocket> out = new ArrayList<>();
        for (List<UdpSocket> l : sockets.values()) out.addAll(l);
        return out;
    }

    private boolean inUse(Ipv4Address local, int port) {
        List<UdpSocket> l = sockets.get(port);
        if (l == null) return false;
        for (UdpSocket s : l)
            if (s.localAddress().equals(local) || s.localAddress().isAny() || local.isAny()) return true;
        return false;
    }

    private int ephemeral(Ipv4Address local) {
        int range = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        for (int i = 0; i < range; i++) {
            int p = nextEphemeral;
            nextEphemeral = p == EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
            if (!inUse(local, p)) return p;
        }
        throw new UdpBindException("no free ephemeral UDP port in " + EPHEMERAL_FIRST + ".." + EPHEMERAL_LAST);
    }

    void unbind(UdpSocket s) {
        List<UdpSocket> l = sockets.get(s.localPort());
        if (l == null || !l.remove(s)) return;
        boundPorts.remove(s.localPort());
        if (l.isEmpty()) sockets.remove(s.localPort());
    }

    // ---- outbound -------------------------------------------------------------------------

    boolean sendTo(UdpSocket s, Ipv4Address dst, int dstPort, byte[] data) {
        if (s.isClosed()) { counters.drop(UdpDrop.SOCKET_CLOSED); return false; }
        if (data.length > UdpHeader.MAX_PAYLOAD) { counters.drop(UdpDrop.TOO_BIG); return false; }
        Ipv4Address src = s.localAddress().isAny() ? ipv4.sourceFor(dst) : s.localAddress();
        if (src == null) { counters.drop(UdpDrop.NO_SOURCE_ADDRESS); return false; }
        byte[] out = datagram(s.localPort(), src, dst, dstPort, data);
        boolean ok = ipv4.send(src, dst, IpProtocol.UDP, Ipv4Layer.DEFAULT_TTL, false, out, 0, out.length);
        if (ok) counters.count(StackEvent.UDP_TX);
        return ok;
    }

    boolean sendVia(UdpSocket s, NetInterface iface, Ipv4Address src, Ipv4Address dst, int dstPort,
                    io.wirelab.wire.ethernet.MacAddress dstMac, byte[] data) {
        if (s.isClosed()) { counters.drop(UdpDrop.SOCKET_CLOSED); return false; }
        if (data.length > UdpHeader.MAX_PAYLOAD) { counters.drop(UdpDrop.TOO_BIG); return false; }
        byte[] out = datagram(s.localPort(), src, dst, dstPort, data);
        boolean ok = ipv4.sendVia(iface, src, dst, dstMac, IpProtocol.UDP, Ipv4Layer.DEFAULT_TTL, out, 0, out.length);
        if (ok) counters.count(StackEvent.UDP_TX);
        return ok;
    }

    private static byte[] datagram(int srcPort, Ipv4Address src, Ipv4Address dst, int dstPort, byte[] data) {
        byte[] out = new byte[UdpHeader.LENGTH + data.length];
        System.arraycopy(data, 0, out, UdpHeader.LENGTH, data.length);
        new UdpHeader(srcPort, dstPort, data.length).emit(out, 0, src, dst);
        return out;
    }

    // ---- inbound --------------------------------------------------------------------------

    @Override
    public void receive(InboundDatagram d, long now) {
        counters.count(StackEvent.UDP_RX);
        Malformed m = view.wrap(d.bytes(), d.payloadOffset(), d.payloadLength()).validate();
        if (m != Malformed.NONE) { counters.drop(UdpDrop.MALFORMED, m); return; }
        int port = view.destinationPort();
        List<UdpSocket> bound = sockets.get(port);
        // Linux __udp4_lib_mcast_deliver: a broadcast no socket takes is dropped before its checksum is summed
        if (d.broadcast() && bound == null) { counters.drop(UdpDrop.NO_SOCKET_BROADCAST); return; }
        // RFC 1122 §4.1.3.4: a datagram with a bad checksum MUST be discarded silently.
        if (!view.checksumValid(d.source().bits(), d.destination().bits())) { counters.drop(UdpDrop.BAD_CHECKSUM); return; }
        byte[] data = Arrays.copyOfRange(d.bytes(), view.payloadOffset(), view.payloadOffset() + view.payloadLength());
        UdpDatagram datagram = new UdpDatagram(d.source(), view.sourcePort(), d.destination(), port, data, d.arrivedOn());
        if (d.broadcast()) {
            int delivered = 0;
            if (bound != null)
                for (UdpSocket s : List.copyOf(bound))
                    if (s.localAddress().isAny() || s.localAddress().equals(d.destination())) { s.deliver(datagram, now); delivered++; }
            if (delivered == 0) counters.drop(UdpDrop.NO_SOCKET_BROADCAST);   // RFC 1122 §3.2.2: no ICMP error for broadcasts
            return;
        }
        UdpSocket target = null;
        if (bound != null) {
            for (UdpSocket s : bound) if (s.localAddress().equals(d.destination())) { target = s; break; }
            if (target == null) for (UdpSocket s : bound) if (s.localAddress().isAny()) { target = s; break; }
        }
        if (target == null) {
            counters.drop(UdpDrop.NO_SOCKET);
            // RFC 1122 §4.1.3.1: SHOULD send ICMP port unreachable.
            if (icmp.sendDestinationUnreachable(d, Icmpv4Message.CODE_PORT_UNREACHABLE)) counters.count(StackEvent.UDP_TX_PORT_UNREACHABLE);
            return;
        }
        target.deliver(datagram, now);
    }

    /** RFC 1122 §4.1.3.3: pass ICMP errors about our datagrams up to the socket that sent them. */
    private void onIcmpError(Icmpv4Error e, long now) {
        if (!e.originalProtocol().equals(IpProtocol.UDP) || e.originalSourcePort() < 0) return;
        List<UdpSocket> bound = sockets.get(e.originalSourcePort());
        if (bound == null) return;
        for (UdpSocket s : List.copyOf(bound))
            if (s.localAddress().isAny() || s.localAddress().equals(e.originalSource())) s.error(e);
    }
}
