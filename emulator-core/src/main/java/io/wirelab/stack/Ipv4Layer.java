package io.wirelab.stack;

import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.ipv4.Ipv4View;

import java.util.Arrays;
import java.util.List;

/**
 * IPv4 for a host (RFC 791, RFC 1122 §3). Inbound: validate, verify the header checksum, accept
 * only datagrams for this host (weak host model), reassemble fragments, dispatch by protocol.
 * Outbound: route, pick the source, fragment to the interface MTU, resolve the next hop with ARP.
 * Deviations: options are skipped on receive and never sent. A host does not forward; a router
 * installs a ForwardingHandler that takes every datagram not addressed to this stack.
 * An interface without an address still accepts UDP (for a DHCP client, RFC 2131 §4.1).
 */
public final class Ipv4Layer implements IpService {
    /** Linux ip_default_ttl (RFC 1700's recommended 64; RFC 1122 §3.2.1.7 forbids sending 0). */
    public static final int DEFAULT_TTL = 64;

    private final Simulator sim;
    private final String hostName;
    private final StackCounters counters;
    private final EthernetLayer ethernet;
    private final List<NetInterface> interfaces;
    private final RouteTable routes;
    private final Ipv4Reassembly reassembly;
    private final Ipv4View view = new Ipv4View();
    private Ipv4Address lastSource = Ipv4Address.ANY, lastDestination = Ipv4Address.ANY;   // reused while a flow's datagrams come in
    private TransportHandler[] handlers = new TransportHandler[0];   // by protocol number, as long as the largest registered
    private ArpLayer arp;
    private Icmpv4Layer icmp;
    private ForwardingHandler forwarding;
    private int nextId;

    Ipv4Layer(Simulator sim, String hostName, StackCounters counters, EthernetLayer ethernet, List<NetInterface> interfaces, int firstId) {
        this.sim = sim;
        this.hostName = hostName;
        this.counters = counters;
        this.ethernet = ethernet;
        this.interfaces = interfaces;
        this.routes = new RouteTable(interfaces);
        this.reassembly = new Ipv4Reassembly(sim, counters, this::onReassemblyTimeout);
        this.nextId = firstId & 0xffff;
    }

    void bind(ArpLayer arp, Icmpv4Layer icmp) {
        this.arp = arp;
        this.icmp = icmp;
    }

    public RouteTable routes() { return routes; }

    /** Makes this stack a router (RFC 1812 §5.2): datagrams for other hosts go to handler; null: a host again. */
    public void setForwarding(ForwardingHandler handler) { this.forwarding = handler; }
    public boolean isForwarding() { return forwarding != null; }
    public Ipv4Reassembly reassembly() { return reassembly; }

    /** Registers the receiver of datagrams carrying protocol (ICMP, UDP, TCP); one per protocol. */
    public void register(IpProtocol protocol, TransportHandler handler) {
        int p = protocol.value();
        if (p >= handlers.length) handlers = Arrays.copyOf(handlers, p + 1);
        if (handlers[p] != null) throw new IllegalStateException(protocol + " already has a handler");
        handlers[p] = handler;
    }

    // ---- IpService ------------------------------------------------------------------------

    /** TCP gets DF (Linux path MTU discovery, RFC 1191 §3); other protocols may be fragmented. */
    @Override
    public boolean send(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, byte[] payload, int offset, int length) {
        return send(source, destination, protocol, DEFAULT_TTL, protocol.equals(IpProtocol.TCP), payload, offset, length);
    }

    /** From the stack's FramePool: the receiver hands the array back when it is done (Frame.recycle). */
    @Override
    public byte[] frameFor(int transportLength) { return ethernet.pool().take(Math.max(EthernetHeader.MIN_FRAME, HEADROOM + transportLength)); }

    /** TCP gets DF as in send; the IPv4 header goes into the frame's headroom unless the datagram must be fragmented. */
    @Override
    public boolean sendInFrame(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, byte[] frame, int length) {
        if (frame.length != Math.max(EthernetHeader.MIN_FRAME, HEADROOM + length))
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes is not from frameFor(" + length + ")");
        return send(source, destination, protocol, DEFAULT_TTL, protocol.equals(IpProtocol.TCP), frame, HEADROOM, length, true);
    }

    @Override
    public Ipv4Address sourceFor(Ipv4Address destination) {
        if (isLocal(destination)) return destination;
        RouteTable.Decision d = routes.lookup(destination);
        return d == null ? null : d.source();
    }

    @Override
    public int mtuToward(Ipv4Address destination) {
        RouteTable.Decision d = routes.lookup(destination);
        return d == null ? 576 : d.iface().mtu();   // RFC 791 §3.1: 576 is the size every host accepts
    }

    @Override
    public boolean isLocal(Ipv4Address a) {
        for (int k = 0; k < interfaces.size(); k++) if (a.equals(interfaces.get(k).address())) return true;
        return false;
    }

    /** Whether a is the subnet broadcast of one of our interfaces. */
    public boolean isBroadcastFor(Ipv4Address a) {
        for (int k = 0; k < interfaces.size(); k++) if (interfaces.get(k).isSubnetBroadcast(a)) return true;
        return false;
    }

    /** The next identification value (RFC 791 §3.2: unique per source, destination, protocol while alive). */
    int nextIdentification() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }

    // ---- outbound -------------------------------------------------------------------------

    /**
     * Sends one datagram with explicit TTL and DF. source null or 0.0.0.0 = the route's address.
     * Returns false (counted) when it cannot leave: no route, no source, TTL 0, too big, or DF and over the MTU.
     */
    public boolean send(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int ttl, boolean dontFragment,
                        byte[] payload, int offset, int length) {
        return send(source, destination, protocol, ttl, dontFragment, payload, offset, length, false);
    }

    /** inFrame: payload is a frame from IpService.frameFor with the datagram's payload at HEADROOM, sent without a copy when it fits. */
    private boolean send(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int ttl, boolean dontFragment,
                         byte[] payload, int offset, int length, boolean inFrame) {
        if (ttl == 0) { counters.drop(Ipv4Drop.TTL_ZERO); return false; }   // RFC 1122 §3.2.1.7: MUST NOT send TTL 0
        if (length > Ipv4Header.MAX_DATAGRAM - Ipv4Header.MIN_LENGTH) { counters.drop(Ipv4Drop.TOO_BIG); return false; }
        if (isLocal(destination)) return sendToSelf(source, destination, protocol, ttl, payload, offset, length);
        RouteTable.Decision route = routes.lookup(destination);
        if (route == null) { counters.drop(Ipv4Drop.NO_ROUTE); return false; }
        Ipv4Address src = source == null || source.isAny() ? route.source() : source;
        if (src == null) { counters.drop(Ipv4Drop.NO_SOURCE_ADDRESS); return false; }
        int mtu = route.iface().mtu();
        int id = nextIdentification();
        if (Ipv4Header.MIN_LENGTH + length <= mtu) {
            if (inFrame) {
                Ipv4Header.write(payload, EthernetHeader.LENGTH, 0, id, dontFragment, false, 0, ttl, protocol, src.bits(),
                        destination.bits(), length);
                return transmit(route, payload, true);
            }
            Ipv4Header h = new Ipv4Header(0, id, dontFragment, false, 0, ttl, protocol, src, destination, length);
            return transmit(route, frame(h, payload, offset, length), false);
        }
        // RFC 1191 §3: a DF datagram larger than the MTU is not sent; Linux tells the sender with a local ICMP
        if (dontFragment) {
            counters.drop(Ipv4Drop.FRAGMENTATION_NEEDED);
            byte[] quoted = new byte[Ipv4Header.MIN_LENGTH + Math.min(length, 8)];
            new Ipv4Header(0, id, true, false, 0, ttl, protocol, src, destination, length).emit(quoted, 0);
            System.arraycopy(payload, offset, quoted, Ipv4Header.MIN_LENGTH, quoted.length - Ipv4Header.MIN_LENGTH);
            NetInterface out = route.iface();                  // delivered in a fresh event, like Linux's loopback
            sim.after(0, () -> icmp.reportLocalFragmentationNeeded(out, mtu, quoted, 0, quoted.length, sim.now()));
            return false;
        }
        // RFC 791 §3.2 fragmentation: data per fragment is a multiple of 8; MF on all but the last.
        int chunk = (mtu - Ipv4Header.MIN_LENGTH) & ~7;
        boolean ok = true;
        for (int at = 0; at < length; at += chunk) {
            int n = Math.min(chunk, length - at);
            boolean more = at + n < length;
            byte[] frame = frame(new Ipv4Header(0, id, false, more, at / 8, ttl, protocol, src, destination, n), payload, offset + at, n);
            counters.count(StackEvent.IPV4_TX_FRAGMENT);
            ok &= transmit(route, frame, false);
        }
        return ok;
    }

    /**
     * Sends one unfragmented datagram out of iface to dstMac as is: no routing, no ARP. For DHCP
     * before an address exists (RFC 2131 §4.1: source 0.0.0.0, broadcast).
     */
    public boolean sendVia(NetInterface iface, Ipv4Address source, Ipv4Address destination, MacAddress dstMac,
                           IpProtocol protocol, int ttl, byte[] payload, int offset, int length) {
        if (ttl == 0) { counters.drop(Ipv4Drop.TTL_ZERO); return false; }
        if (Ipv4Header.MIN_LENGTH + length > iface.mtu()) { counters.drop(Ipv4Drop.TOO_BIG); return false; }
        byte[] frame = frame(new Ipv4Header(0, nextIdentification(), false, false, 0, ttl, protocol, source, destination, length), payload, offset, length);
        counters.count(StackEvent.IPV4_TX);
        return ethernet.send(iface, dstMac, EtherType.IPV4, frame);
    }

    private static byte[] frame(Ipv4Header h, byte[] payload, int offset, int length) {
        byte[] frame = EthernetLayer.allocate(h.totalLength());
        h.emit(frame, EthernetHeader.LENGTH);
        System.arraycopy(payload, offset, frame, EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH, length);
        return frame;
    }

    /** checksumsTrusted: the frame came from sendInFrame, so its transport checksum was computed here (Frame). */
    private boolean transmit(RouteTable.Decision route, byte[] frame, boolean checksumsTrusted) {
        counters.count(StackEvent.IPV4_TX);
        int dst = Bytes.i32(frame, EthernetHeader.LENGTH + 16);
        if (Ipv4Address.isMulticast(dst))
            return ethernet.send(route.iface(), multicastMac(new Ipv4Address(dst)), EtherType.IPV4, frame, checksumsTrusted);
        if (route.broadcast())                                                      // RFC 1122 §3.3.6
            return ethernet.send(route.iface(), MacAddress.BROADCAST, EtherType.IPV4, frame, checksumsTrusted);
        return arp.resolveAndSend(route.iface(), route.nextHop(), frame, checksumsTrusted);
    }

    /** RFC 1112 §6.4: 01:00:5e plus the low 23 bits of the group address. */
    static MacAddress multicastMac(Ipv4Address group) {
        return new MacAddress(0x01005e000000L | (group.bits() & 0x7fffff));
    }

    /**
     * Sends a finished IPv4 datagram in frame[14..] (Ethernet header left blank, from allocate())
     * to nextHop on iface through ARP, unchanged: a router forwarding it (RFC 1812 §5.2.1).
     */
    public boolean sendForwarded(NetInterface iface, Ipv4Address nextHop, byte[] frame) {
        return arp.resolveAndSend(iface, nextHop, frame, false);
    }

    /** A datagram to one of our own addresses loops back in a fresh event, like Linux's lo. */
    private boolean sendToSelf(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int ttl, byte[] payload, int offset, int length) {
        NetInterface owner = null;
        for (NetInterface i : interfaces) if (destination.equals(i.address())) { owner = i; break; }
        Ipv4Address src = source == null || source.isAny() ? destination : source;
        byte[] d = new byte[Ipv4Header.MIN_LENGTH + length];
        new Ipv4Header(0, nextIdentification(), false, false, 0, ttl, protocol, src, destination, length).emit(d, 0);
        System.arraycopy(payload, offset, d, Ipv4Header.MIN_LENGTH, length);
        counters.count(StackEvent.IPV4_TX);
        NetInterface in = owner;
        sim.after(0, hostName + ": ipv4 loopback", () -> receiveLoopback(in, d, protocol));
        return true;
    }

    /** Like a frame from the wire, an exception while handling a looped-back datagram drops only that datagram. */
    private void receiveLoopback(NetInterface in, byte[] d, IpProtocol protocol) {
        try {
            receive(in, d, 0, d.length, false, false, false, sim.now());
        } catch (RuntimeException | StackOverflowError e) {
            counters.drop(Ipv4Drop.HANDLER_FAULT);
            sim.faults().record(hostName, "ipv4 loopback " + protocol, "ipv4 loopback " + protocol, e, sim.now());
        }
    }

    /** ARP gave up on a queued frame: tell the local sender, as an ICMP host unreachable would. */
    void onResolutionFailed(NetInterface iface, byte[] frame) {
        int ipLength = Bytes.u16(frame, EthernetHeader.LENGTH + 2);
        if (forwarding != null && !isLocal(Ipv4Address.read(frame, EthernetHeader.LENGTH + 12))) {
            forwarding.onResolutionFailed(iface, frame, EthernetHeader.LENGTH, ipLength, sim.now());
            return;
        }
        icmp.reportLocalUnreachable(iface, frame, EthernetHeader.LENGTH, ipLength, sim.now());
    }

    private void onReassemblyTimeout(NetInterface iface, byte[] firstFragment) {
        // RFC 792 / RFC 1122 §3.3.2: time exceeded (code 1) only if fragment zero arrived.
        if (firstFragment != null) icmp.sendTimeExceeded(firstFragment, 0, firstFragment.length, Icmpv4Message.CODE_REASSEMBLY_TIME_EXCEEDED);
    }

    // ---- inbound --------------------------------------------------------------------------

    /**
     * A datagram from the wire (an Ethernet frame's payload); checksumsTrusted as the frame's (Frame).
     * Returns true when nothing refers to b any more: the datagram went whole to a handler that copies
     * what it keeps (TransportHandler.releasesBytes), so the frame may be recycled.
     */
    boolean receive(NetInterface iface, byte[] b, int off, int len, boolean linkBroadcast, boolean checksumsTrusted, long now) {
        return receive(iface, b, off, len, linkBroadcast, true, checksumsTrusted, now);
    }

    private boolean receive(NetInterface iface, byte[] b, int off, int len, boolean linkBroadcast, boolean fromWire,
                         boolean checksumsTrusted, long now) {
        counters.count(StackEvent.IPV4_RX);
        Malformed m = view.wrap(b, off, len).validate();
        if (m != Malformed.NONE) { counters.drop(Ipv4Drop.MALFORMED, m); return false; }
        // RFC 1122 §3.2.1.2: MUST verify, discard silently; a trusted frame's was computed by the sending stack (Frame)
        if (!checksumsTrusted && !view.checksumValid()) { counters.drop(Ipv4Drop.BAD_CHECKSUM); return false; }
        Ipv4Address src = lastSource.bits() == view.sourceBits() ? lastSource : (lastSource = view.source());
        Ipv4Address dst = lastDestination.bits() == view.destinationBits() ? lastDestination : (lastDestination = view.destination());
        // Linux fib_validate_source: from the wire, our own address as source is a martian (RFC 1812 §5.3.7's term)
        if (fromWire && isLocal(src)) { counters.drop(Ipv4Drop.MARTIAN_SOURCE); return false; }
        // RFC 1122 §3.2.1.3: discard a datagram whose source is broadcast or multicast.
        if (src.isLimitedBroadcast() || src.isMulticast() || (iface != null && iface.isSubnetBroadcast(src))) {
            counters.drop(Ipv4Drop.BAD_SOURCE);
            return false;
        }
        boolean ipBroadcast = dst.isLimitedBroadcast() || dst.isMulticast() || (iface != null && iface.isSubnetBroadcast(dst));
        boolean unconfiguredUdp = iface != null && iface.address() == null && view.protocol().equals(IpProtocol.UDP);
        // RFC 1122 §3.3.4.2 weak host model: any of our addresses, on any interface; hosts do not forward (§3.3.1.6).
        if (!isLocal(dst) && !ipBroadcast && !unconfiguredUdp) {
            if (forwarding != null) { forwarding.forward(iface, b, off, view.totalLength(), linkBroadcast, now); return false; }
            counters.drop(Ipv4Drop.NOT_FOR_THIS_HOST);
            return false;
        }
        int ttl = view.ttl();
        IpProtocol protocol = view.protocol();
        byte[] bytes = b;
        int at = off, headerLength = view.headerLength(), total = view.totalLength();
        if (view.isFragment()) {
            byte[] whole = reassembly.offer(iface, view);
            if (whole == null) return false;
            bytes = whole;
            at = 0;
            total = whole.length;
            checksumsTrusted = false;
        }
        boolean released = deliver(new InboundDatagram(iface, bytes, at, headerLength, total, src, dst, protocol, ttl,
                linkBroadcast || ipBroadcast, checksumsTrusted), now);
        return released && bytes == b;                         // a fragment's bytes: reassembly's business
    }

    /** Whether the handler keeps no reference to d's bytes (see receive). */
    private boolean deliver(InboundDatagram d, long now) {
        counters.count(StackEvent.IPV4_RX_DELIVERED);
        int p = d.protocol().value();
        TransportHandler h = p < handlers.length ? handlers[p] : null;
        if (h != null) {
            h.receive(d, now);
            return h.releasesBytes();
        }
        counters.drop(Ipv4Drop.UNKNOWN_PROTOCOL);
        icmp.sendDestinationUnreachable(d, Icmpv4Message.CODE_PROTOCOL_UNREACHABLE);   // RFC 1122 §3.2.2.1 SHOULD
        return false;
    }
}
