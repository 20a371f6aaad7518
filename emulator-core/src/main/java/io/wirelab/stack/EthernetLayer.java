package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.buffer.FramePool;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.ethernet.MacAddress;

/**
 * Ethernet II framing for a stack's interfaces: destination filter and EtherType dispatch inbound,
 * header and minimum-size padding outbound. Frames leave as the exact wire bytes (no FCS).
 */
public final class EthernetLayer {
    private final StackCounters counters;
    private final EthernetView view = new EthernetView();
    private final FramePool pool = new FramePool();
    private ArpLayer arp;
    private Ipv4Layer ipv4;

    EthernetLayer(StackCounters counters) { this.counters = counters; }

    void bind(ArpLayer arp, Ipv4Layer ipv4) {
        this.arp = arp;
        this.ipv4 = ipv4;
    }

    /** Where this stack's TCP builds its segments (IpService.frameFor); receivers hand them back. */
    public FramePool pool() { return pool; }

    /** A frame of at least 60 bytes with room for the header at 0 and the payload at 14. */
    public static byte[] allocate(int payloadLength) {
        return new byte[Math.max(EthernetHeader.MIN_FRAME, EthernetHeader.LENGTH + payloadLength)];
    }

    void receive(NetInterface iface, Frame frame, long now) {
        counters.count(StackEvent.ETHERNET_RX);
        byte[] b = frame.bytes();
        Malformed m = view.wrap(b, 0, b.length).validate();
        if (m != Malformed.NONE) { counters.drop(EthernetDrop.MALFORMED, m); return; }
        long dst = view.destinationBits();
        boolean broadcast = view.isBroadcast();
        // IEEE 802.3 §4.2.4.1.2: accept our unicast address and broadcast; this host joins no multicast group.
        if (dst != iface.mac().bits() && !broadcast) { counters.drop(EthernetDrop.NOT_FOR_US); return; }
        if (view.sourceBits() == iface.mac().bits()) { counters.drop(EthernetDrop.OWN_FRAME); return; }
        int off = view.payloadOffset(), len = view.payloadLength();
        EtherType type = view.etherType();
        if (type.equals(EtherType.ARP)) arp.receive(iface, b, off, len, now);
        else if (type.equals(EtherType.IPV4)) {
            if (ipv4.receive(iface, b, off, len, broadcast, frame.checksumsTrusted(), now)) frame.recycle();
        }
        else counters.drop(EthernetDrop.UNKNOWN_ETHERTYPE);
    }

    /**
     * Writes the Ethernet header into frame[0, 14) and transmits. frame comes from allocate(), so
     * it is already zero-padded to 60 bytes (IEEE 802.3 §4.2.3.3 minimum frame size).
     */
    boolean send(NetInterface iface, MacAddress destination, EtherType type, byte[] frame) {
        return send(iface, destination, type, frame, false);
    }

    /**
     * As send; checksumsTrusted: the frame's IPv4 and TCP checksums were computed by this stack's TCP (see
     * Frame), in an array from the pool, which the receiver hands back (Frame.recycle).
     */
    boolean send(NetInterface iface, MacAddress destination, EtherType type, byte[] frame, boolean checksumsTrusted) {
        destination.write(frame, 0);                          // the Ethernet II header, as EthernetHeader.emit
        iface.mac().write(frame, 6);
        Bytes.put16(frame, 12, type.value());
        if (!iface.port().isUp()) { counters.drop(EthernetDrop.PORT_DOWN); return false; }
        counters.count(StackEvent.ETHERNET_TX);
        return iface.transmit(new Frame(frame, false, checksumsTrusted, checksumsTrusted ? pool : null));
    }
}
