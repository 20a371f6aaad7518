package io.wirelab.devices.router;

import io.wirelab.stack.EthernetLayer;
import io.wirelab.stack.ForwardingHandler;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.RouteTable;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Header;

/**
 * IPv4 forwarding (RFC 1812 §5.2, §5.3) for a Router, in Linux's order (ip_route_input, ip_forward):
 * refuse link broadcasts and martians, look up the route (none: net unreachable), check the TTL (1 or
 * less: time exceeded), check the MTU (DF: fragmentation needed; else fragment), then decrement the
 * TTL with an incremental checksum update (RFC 1624) and hand the datagram to ARP toward the next hop.
 * Frames on a link are immutable, so each forwarded datagram is a copy. Not done: ICMP redirects,
 * source routing and record route options (options are carried, not acted on), multicast routing.
 */
final class Forwarder implements ForwardingHandler {
    private final NetworkStack stack;
    private final Counters<RouterEvent> events;
    private final Counters<RouterDrop> drops;
    private final RouterPorts ports;
    private final IcmpErrors icmp;

    Forwarder(NetworkStack stack, Counters<RouterEvent> events, Counters<RouterDrop> drops, RouterPorts ports, IcmpErrors icmp) {
        this.stack = stack;
        this.events = events;
        this.drops = drops;
        this.ports = ports;
        this.icmp = icmp;
    }

    @Override
    public void forward(NetInterface in, byte[] b, int off, int len, boolean linkBroadcast, long now) {
        ports.count(in, RouterPorts.Event.RX);
        Ipv4Address src = Ipv4Address.read(b, off + 12), dst = Ipv4Address.read(b, off + 16);
        if (linkBroadcast) { drop(in, RouterDrop.LINK_BROADCAST); return; }                   // RFC 1812 §5.3.4
        if (!IcmpErrors.isUnicastHost(src)) { drop(in, RouterDrop.MARTIAN_SOURCE); return; }   // RFC 1812 §5.3.7
        if (dst.isMulticast()) { drop(in, RouterDrop.MULTICAST); return; }
        if (!IcmpErrors.isUnicastHost(dst)) { drop(in, RouterDrop.MARTIAN_DESTINATION); return; }
        if (stack.ipv4().isBroadcastFor(dst)) { drop(in, RouterDrop.DIRECTED_BROADCAST); return; }
        RouteTable.Route route = stack.routes().best(dst);
        if (route == null) {
            drop(in, RouterDrop.NO_ROUTE);
            icmp.netUnreachable(b, off, len, now);                                             // RFC 1812 §5.2.7.1
            return;
        }
        if (Bytes.u8(b, off + 8) <= 1) {
            drop(in, RouterDrop.TTL_EXCEEDED);
            icmp.timeExceeded(b, off, len, now);                                               // RFC 1812 §5.3.1
            return;
        }
        NetInterface out = route.iface();
        Ipv4Address nextHop = route.isConnected() ? dst : route.gateway();
        if (len > out.mtu()) {
            if ((Bytes.u8(b, off + 6) & 0x40) != 0) {
                drop(in, RouterDrop.FRAGMENTATION_NEEDED);
                icmp.fragmentationNeeded(b, off, len, out.mtu(), now);                         // RFC 1191 §4, RFC 1812 §5.2.6
                return;
            }
            fragment(in, out, nextHop, b, off, len);
            return;
        }
        byte[] frame = EthernetLayer.allocate(len);
        int at = EthernetHeader.LENGTH;
        System.arraycopy(b, off, frame, at, len);
        decrementTtl(frame, at);
        events.count(RouterEvent.FORWARDED);
        transmit(in, out, nextHop, frame);
    }

    @Override
    public void onResolutionFailed(NetInterface out, byte[] frame, int off, int len, long now) {
        drops.count(RouterDrop.HOST_UNREACHABLE);
        icmp.hostUnreachable(frame, off, len, now);                                            // RFC 1812 §5.2.7.1
    }

    /** RFC 1812 §5.3.1 and RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), m the TTL/protocol word. */
    static void decrementTtl(byte[] d, int at) {
        int oldWord = Bytes.u16(d, at + 8);
        int newWord = oldWord - 0x0100;
        Bytes.put16(d, at + 8, newWord);
        Bytes.put16(d, at + 10, updatedChecksum(Bytes.u16(d, at + 10), oldWord, newWord));
    }

    static int updatedChecksum(int checksum, int oldWord, int newWord) {
        int sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    /**
     * RFC 791 §3.2 / RFC 1812 §5.2.6: data in multiples of 8 bytes, offsets added to the datagram's own
     * (it may be a fragment already), MF on all but the last unless the datagram had MF, the options
     * in the first fragment and only those with the copied flag in the others.
     */
    private void fragment(NetInterface in, NetInterface out, Ipv4Address nextHop, byte[] b, int off, int len) {
        int ihl = (b[off] & 0x0f) * 4;
        byte[] laterOptions = copiedOptions(b, off + Ipv4Header.MIN_LENGTH, ihl - Ipv4Header.MIN_LENGTH);
        int flagsOffset = Bytes.u16(b, off + 6);
        int baseOffset = flagsOffset & 0x1fff;
        boolean lastHadMore = (flagsOffset & 0x2000) != 0;
        int payload = len - ihl;
        events.count(RouterEvent.FORWARDED);
        events.count(RouterEvent.FRAGMENTED);
        for (int done = 0; done < payload; ) {
            boolean first = done == 0;
            int headerLength = first ? ihl : Ipv4Header.MIN_LENGTH + laterOptions.length;
            int n = Math.min((out.mtu() - headerLength) & ~7, payload - done);
            boolean more = done + n < payload || lastHadMore;
            byte[] frame = EthernetLayer.allocate(headerLength + n);
            int at = EthernetHeader.LENGTH;
            System.arraycopy(b, off, frame, at, Ipv4Header.MIN_LENGTH);
            if (first) System.arraycopy(b, off + Ipv4Header.MIN_LENGTH, frame, at + Ipv4Header.MIN_LENGTH, ihl - Ipv4Header.MIN_LENGTH);
            else System.arraycopy(laterOptions, 0, frame, at + Ipv4Header.MIN_LENGTH, laterOptions.length);
            System.arraycopy(b, off + ihl + done, frame, at + headerLength, n);
            Bytes.put8(frame, at, 0x40 | headerLength / 4);
            Bytes.put16(frame, at + 2, headerLength + n);
            Bytes.put16(frame, at + 6, (more ? 0x2000 : 0) | (baseOffset + done / 8));
            Bytes.put8(frame, at + 8, Bytes.u8(b, off + 8) - 1);
            Bytes.put16(frame, at + 10, 0);
            Bytes.put16(frame, at + 10, Checksum.fold(frame, at, headerLength));                // RFC 791 §3.1
            events.count(RouterEvent.FRAGMENT_SENT);
            transmit(in, out, nextHop, frame);
            done += n;
        }
    }

    /** RFC 791 §3.1: the options whose copied flag (0x80) is set, zero-padded to a multiple of 4. */
    static byte[] copiedOptions(byte[] b, int from, int length) {
        byte[] kept = new byte[length];
        int n = 0;
        for (int i = 0; i < length; ) {
            int type = Bytes.u8(b, from + i);
            if (type == 0) break;                                       // end of option list
            if (type == 1) { i++; continue; }                           // no-operation
            int optionLength = i + 1 < length ? Bytes.u8(b, from + i + 1) : 0;
            if (optionLength < 2 || i + optionLength > length) break;   // malformed: copy nothing further
            if ((type & 0x80) != 0) { System.arraycopy(b, from + i, kept, n, optionLength); n += optionLength; }
            i += optionLength;
        }
        byte[] out = new byte[(n + 3) & ~3];
        System.arraycopy(kept, 0, out, 0, n);
        return out;
    }

    private void transmit(NetInterface in, NetInterface out, Ipv4Address nextHop, byte[] frame) {
        if (stack.ipv4().sendForwarded(out, nextHop, frame)) ports.count(out, RouterPorts.Event.TX);
        else drop(in, RouterDrop.TX_FAILED);
    }

    private void drop(NetInterface in, RouterDrop why) {
        drops.count(why);
        ports.count(in, RouterPorts.Event.DROP);
    }
}
