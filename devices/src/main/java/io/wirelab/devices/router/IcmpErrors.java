package io.wirelab.devices.router;

import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.RouteTable;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Header;

import java.util.Arrays;

/**
 * ICMP errors a router sends about datagrams it could not forward (RFC 1812 §4.3, RFC 792): from the
 * address of the interface that leads back to the sender (Linux's choice), TTL 64, quoting as much of
 * the datagram as fits in 576 bytes (§4.3.2.3), never about what §4.3.2.7 excludes, and rate limited
 * per destination (§4.3.2.8) except fragmentation needed, which path MTU discovery depends on (Linux).
 */
final class IcmpErrors {
    /** RFC 1812 §4.3.2.3: the whole error datagram stays within 576 bytes. */
    static final int MAX_QUOTE = 576 - Ipv4Header.MIN_LENGTH - Icmpv4View.HEADER_LENGTH;
    static final int TTL = 64;

    private final NetworkStack stack;
    private final Counters<RouterEvent> events;
    private final IcmpRateLimiter limiter;

    IcmpErrors(NetworkStack stack, Counters<RouterEvent> events, IcmpRateLimiter limiter) {
        this.stack = stack;
        this.events = events;
        this.limiter = limiter;
    }

    void timeExceeded(byte[] b, int off, int len, long now) {
        send(b, off, len, new Icmpv4Message.TimeExceeded(Icmpv4Message.CODE_TTL_EXCEEDED, quote(b, off, len)), RouterEvent.ICMP_TIME_EXCEEDED, now);
    }

    void netUnreachable(byte[] b, int off, int len, long now) {
        send(b, off, len, new Icmpv4Message.DestinationUnreachable(Icmpv4Message.CODE_NET_UNREACHABLE, 0, quote(b, off, len)),
                RouterEvent.ICMP_NET_UNREACHABLE, now);
    }

    void hostUnreachable(byte[] b, int off, int len, long now) {
        send(b, off, len, new Icmpv4Message.DestinationUnreachable(Icmpv4Message.CODE_HOST_UNREACHABLE, 0, quote(b, off, len)),
                RouterEvent.ICMP_HOST_UNREACHABLE, now);
    }

    /** RFC 1191 §4: the next-hop MTU goes in the low 16 bits of the second word. */
    void fragmentationNeeded(byte[] b, int off, int len, int mtu, long now) {
        send(b, off, len, new Icmpv4Message.DestinationUnreachable(Icmpv4Message.CODE_FRAGMENTATION_NEEDED, mtu, quote(b, off, len)),
                RouterEvent.ICMP_FRAGMENTATION_NEEDED, now);
    }

    private static byte[] quote(byte[] b, int off, int len) { return Arrays.copyOfRange(b, off, off + Math.min(len, MAX_QUOTE)); }

    private void send(byte[] b, int off, int len, Icmpv4Message error, RouterEvent sent, long now) {
        Ipv4Address src = Ipv4Address.read(b, off + 12), dst = Ipv4Address.read(b, off + 16);
        if (suppressed(b, off, len, src, dst)) { events.count(RouterEvent.ICMP_SUPPRESSED); return; }
        RouteTable.Route back = stack.routes().best(src);
        if (back == null) { events.count(RouterEvent.ICMP_NO_ROUTE); return; }
        boolean pmtu = error.type() == Icmpv4Message.TYPE_DESTINATION_UNREACHABLE && error.code() == Icmpv4Message.CODE_FRAGMENTATION_NEEDED;
        if (!pmtu && !limiter.allow(src, now)) { events.count(RouterEvent.ICMP_RATE_LIMITED); return; }
        byte[] out = new byte[error.length()];
        error.emit(out, 0);
        if (stack.ipv4().send(back.iface().address(), src, IpProtocol.ICMP, TTL, false, out, 0, out.length)) events.count(sent);
        else events.count(RouterEvent.ICMP_NO_ROUTE);
    }

    /** RFC 1812 §4.3.2.7: no error about an ICMP error, a non-initial fragment, a broadcast or multicast, or a source that is not one host. */
    private boolean suppressed(byte[] b, int off, int len, Ipv4Address src, Ipv4Address dst) {
        int ihl = (b[off] & 0x0f) * 4;
        boolean icmpError = Bytes.u8(b, off + 9) == IpProtocol.ICMP.value() && len > ihl && isErrorType(Bytes.u8(b, off + ihl));
        boolean laterFragment = (Bytes.u16(b, off + 6) & 0x1fff) != 0;
        return icmpError || laterFragment || dst.isLimitedBroadcast() || dst.isMulticast() || stack.ipv4().isBroadcastFor(dst)
                || !isUnicastHost(src) || stack.ipv4().isBroadcastFor(src);
    }

    /** RFC 1812 §4.3.2.7 / §5.3.7: 0/8, 127/8, multicast, class E and limited broadcast are not one host. */
    static boolean isUnicastHost(Ipv4Address a) {
        int first = a.bits() >>> 24;
        return first != 0 && first != 127 && first < 224;
    }

    /** RFC 792 / RFC 1812 §4.3.2.7: echo, timestamp, information and address mask messages are not errors. */
    private static boolean isErrorType(int type) {
        return switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> false;
            default -> true;
        };
    }
}
