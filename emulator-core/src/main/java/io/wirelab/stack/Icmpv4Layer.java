package io.wirelab.stack;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ICMPv4 (RFC 792) for a host: answers echo requests, sends echo requests for ping, generates
 * destination unreachable / time exceeded under RFC 1122 §3.2.2's rules, and hands received
 * errors to registered listeners (UDP, TCP, ping).
 */
public final class Icmpv4Layer implements TransportHandler {
    /** RFC 1812 §4.3.2.3 (Linux applies it to hosts too): an error quotes as much as fits in 576 bytes. */
    static final int MAX_ERROR_DATAGRAM = 576;

    private final StackCounters counters;
    private final Ipv4Layer ipv4;
    private final Icmpv4View view = new Icmpv4View();
    private final List<EchoReplyListener> echoListeners = new ArrayList<>();
    private final List<Icmpv4ErrorListener> errorListeners = new ArrayList<>();

    Icmpv4Layer(StackCounters counters, Ipv4Layer ipv4) {
        this.counters = counters;
        this.ipv4 = ipv4;
    }

    public void addEchoReplyListener(EchoReplyListener l) { echoListeners.add(l); }
    public void removeEchoReplyListener(EchoReplyListener l) { echoListeners.remove(l); }
    public void addErrorListener(Icmpv4ErrorListener l) { errorListeners.add(l); }
    public void removeErrorListener(Icmpv4ErrorListener l) { errorListeners.remove(l); }

    /**
     * Sends an echo request (RFC 792) as Linux ping does by default (IP_PMTUDISC_WANT, __ip_make_skb): DF
     * set if it fits the MTU, else sent without DF and fragmented here. Returns false if it could not leave.
     */
    public boolean sendEchoRequest(Ipv4Address dst, int id, int seq, byte[] data, int ttl) {
        Icmpv4Message.EchoRequest request = new Icmpv4Message.EchoRequest(id, seq, data);
        boolean fits = Ipv4Header.MIN_LENGTH + request.length() <= ipv4.mtuToward(dst);
        return send(null, dst, request, ttl, fits);
    }

    private boolean send(Ipv4Address src, Ipv4Address dst, Icmpv4Message msg, int ttl, boolean df) {
        byte[] out = new byte[msg.length()];
        msg.emit(out, 0);
        boolean ok = ipv4.send(src, dst, IpProtocol.ICMP, ttl, df, out, 0, out.length);
        if (ok) counters.count(StackEvent.ICMP_TX);
        return ok;
    }

    @Override
    public void receive(InboundDatagram d, long now) {
        counters.count(StackEvent.ICMP_RX);
        Malformed m = view.wrap(d.bytes(), d.payloadOffset(), d.payloadLength()).validate();
        if (m != Malformed.NONE) { counters.drop(Icmpv4Drop.MALFORMED, m); return; }
        if (!view.checksumValid()) { counters.drop(Icmpv4Drop.BAD_CHECKSUM); return; }   // RFC 792: checksum over the message
        switch (view.type()) {
            case Icmpv4Message.TYPE_ECHO_REQUEST -> {
                // RFC 1122 §3.2.2.6: a request to a broadcast/multicast address MAY be discarded (Linux icmp_echo_ignore_broadcasts=1).
                if (d.broadcast()) { counters.drop(Icmpv4Drop.ECHO_TO_BROADCAST); return; }
                byte[] data = Arrays.copyOfRange(d.bytes(), view.dataOffset(), view.dataOffset() + view.dataLength());
                // RFC 792 Echo: swap addresses, type 0, same identifier, sequence and data. DF clear, as Linux replies.
                if (send(d.destination(), d.source(), new Icmpv4Message.EchoReply(view.identifier(), view.sequence(), data), Ipv4Layer.DEFAULT_TTL, false))
                    counters.count(StackEvent.ICMP_TX_ECHO_REPLY);
            }
            case Icmpv4Message.TYPE_ECHO_REPLY -> {
                byte[] data = Arrays.copyOfRange(d.bytes(), view.dataOffset(), view.dataOffset() + view.dataLength());
                for (EchoReplyListener l : List.copyOf(echoListeners))
                    l.onEchoReply(view.identifier(), view.sequence(), d.source(), data, now);
            }
            case Icmpv4Message.TYPE_DESTINATION_UNREACHABLE, Icmpv4Message.TYPE_TIME_EXCEEDED -> receiveError(d, now);
            default -> counters.drop(Icmpv4Drop.UNKNOWN_TYPE);
        }
    }

    private void receiveError(InboundDatagram d, long now) {
        byte[] b = d.bytes();
        int q = view.dataOffset(), qlen = view.dataLength();
        // RFC 792: the data is the original IP header plus at least 64 bits of its data.
        if (qlen < Ipv4Header.MIN_LENGTH || (b[q] & 0xf0) != 0x40) { counters.drop(Icmpv4Drop.BAD_QUOTED_DATAGRAM); return; }
        int ihl = (b[q] & 0x0f) * 4;
        if (ihl < Ipv4Header.MIN_LENGTH || ihl + 8 > qlen) { counters.drop(Icmpv4Drop.BAD_QUOTED_DATAGRAM); return; }
        Ipv4Address origSrc = Ipv4Address.read(b, q + 12);
        // RFC 5927 §4.1: an error about a datagram we never sent is forged or misrouted.
        if (!ipv4.isLocal(origSrc)) { counters.drop(Icmpv4Drop.BAD_QUOTED_DATAGRAM); return; }
        int mtu = view.type() == Icmpv4Message.TYPE_DESTINATION_UNREACHABLE && view.code() == Icmpv4Message.CODE_FRAGMENTATION_NEEDED
                ? view.nextHopMtu() : 0;
        counters.count(StackEvent.ICMP_RX_ERROR);
        deliverError(new Icmpv4Error(view.type(), view.code(), mtu, d.source(), origSrc, Ipv4Address.read(b, q + 16),
                IpProtocol.of(Bytes.u8(b, q + 9)), Arrays.copyOfRange(b, q + ihl, q + qlen), false), now);
    }

    private void deliverError(Icmpv4Error e, long now) {
        for (Icmpv4ErrorListener l : List.copyOf(errorListeners)) l.onIcmpError(e, now);
    }

    /**
     * A datagram this host sent could not be delivered locally (ARP failed): report host unreachable
     * to our own listeners without touching the wire, as Linux does (RFC 1122 §2.3.2.2 lets the sender learn).
     */
    void reportLocalUnreachable(NetInterface iface, byte[] datagram, int offset, int length, long now) {
        reportLocal(iface, Icmpv4Message.CODE_HOST_UNREACHABLE, 0, datagram, offset, length, now);
    }

    /**
     * A datagram with DF set is larger than the outgoing interface's MTU: report "fragmentation needed"
     * with that MTU to our own listeners, as Linux's ip_fragment does with icmp_send (RFC 1191 §3).
     */
    void reportLocalFragmentationNeeded(NetInterface iface, int mtu, byte[] datagram, int offset, int length, long now) {
        reportLocal(iface, Icmpv4Message.CODE_FRAGMENTATION_NEEDED, mtu, datagram, offset, length, now);
    }

    private void reportLocal(NetInterface iface, int code, int mtu, byte[] datagram, int offset, int length, long now) {
        int ihl = (datagram[offset] & 0x0f) * 4;
        Ipv4Address reporter = iface.address() != null ? iface.address() : Ipv4Address.read(datagram, offset + 12);
        counters.count(StackEvent.ICMP_RX_ERROR);
        deliverError(new Icmpv4Error(Icmpv4Message.TYPE_DESTINATION_UNREACHABLE, code, mtu, reporter,
                Ipv4Address.read(datagram, offset + 12), Ipv4Address.read(datagram, offset + 16), IpProtocol.of(Bytes.u8(datagram, offset + 9)),
                Arrays.copyOfRange(datagram, offset + ihl, offset + Math.min(length, ihl + 8 + 64)), true), now);
    }

    /** Destination unreachable about d (codes in Icmpv4Message). */
    public boolean sendDestinationUnreachable(InboundDatagram d, int code) {
        return sendError(d.bytes(), d.offset(), d.totalLength(), d.broadcast(), new Icmpv4Message.DestinationUnreachable(code, 0, quote(d.bytes(), d.offset(), d.totalLength())));
    }

    /** Time exceeded about a datagram (or fragment) starting at bytes[offset]. */
    boolean sendTimeExceeded(byte[] bytes, int offset, int length, int code) {
        return sendError(bytes, offset, length, false, new Icmpv4Message.TimeExceeded(code, quote(bytes, offset, length)));
    }

    private static byte[] quote(byte[] b, int offset, int length) {
        return Arrays.copyOfRange(b, offset, offset + Math.min(length, MAX_ERROR_DATAGRAM - Ipv4Header.MIN_LENGTH - Icmpv4View.HEADER_LENGTH));
    }

    private boolean sendError(byte[] b, int off, int len, boolean linkBroadcast, Icmpv4Message msg) {
        Ipv4Address src = Ipv4Address.read(b, off + 12), dst = Ipv4Address.read(b, off + 16);
        int ihl = (b[off] & 0x0f) * 4;
        boolean nonInitialFragment = (Bytes.u16(b, off + 6) & 0x1fff) != 0;
        boolean aboutError = b[off + 9] == 1 && len > ihl && isErrorType(Bytes.u8(b, off + ihl));
        // RFC 1122 §3.2.2: never about an ICMP error, a broadcast/multicast (IP or link), a non-initial
        // fragment, or a source that is not one host.
        if (aboutError || linkBroadcast || dst.isLimitedBroadcast() || dst.isMulticast() || nonInitialFragment
                || src.isAny() || src.isLimitedBroadcast() || src.isMulticast() || src.isLoopback() || ipv4.isBroadcastFor(dst)) {
            counters.drop(Icmpv4Drop.ERROR_SUPPRESSED);
            return false;
        }
        Ipv4Address from = ipv4.isLocal(dst) ? dst : null;
        boolean ok = send(from, src, msg, Ipv4Layer.DEFAULT_TTL, false);
        if (ok) counters.count(StackEvent.ICMP_TX_ERROR);
        return ok;
    }

    /** RFC 1122 §3.2.2: informational types are echo (0, 8), timestamp (13, 14), info (15, 16), mask (17, 18). */
    private static boolean isErrorType(int type) {
        return switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> false;
            default -> true;
        };
    }
}
