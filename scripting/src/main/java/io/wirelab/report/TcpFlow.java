package io.wirelab.report;

import io.wirelab.report.Packets.Hop;
import io.wirelab.report.Packets.Packet;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.tcp.TcpFlags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TCP stream as Wireshark's TCP analysis sees it: relative sequence numbers, retransmissions,
 * duplicate ACKs, delayed ACKs (a pure ACK sent well after the data it acknowledges arrived), resets,
 * and which side holds TIME-WAIT; the payload of each direction is put back in order and handed to
 * the application decoders (HTTP, TLS) that label the packet carrying each message's first byte.
 */
final class TcpFlow {
    /** A pure ACK later than this after its data arrived is marked as a delayed ACK (Linux's delayed ACK waits 40 ms or more). */
    static final long DELAYED_ACK_NANOS = 10_000_000L;

    final class Direction {
        final int index;
        boolean isnKnown;
        int isn;
        long maxEnd = -1;
        long lastAck = -1;
        long finAt = -1;      // relative sequence number of the FIN
        int device = -1;
        int windowScale = -1;
        long next = 1;        // next relative byte to deliver in order
        final TreeMap<Long, Object[]> pending = new TreeMap<>();   // rel seq -> {packet, bytes}
        final Map<Long, Packet> byEnd = new HashMap<>();           // rel end -> first packet carrying it
        AppStream app;

        Direction(int index) { this.index = index; }
    }

    final String clientEnd;
    String serverEnd;
    final Direction[] dirs = {new Direction(0), new Direction(1)};
    final TlsSession tls;
    private int firstFin = -1;
    private long timeWaitFrom = -1;
    private int timeWaitDevice = -1;
    final List<Packet> packets = new ArrayList<>();
    /** Per segment: direction (0 client to server), relative seq, length, relative ack (-1 none), scaled window, retransmission (0/1). */
    final List<long[]> segments = new ArrayList<>();
    final List<Packet> segmentPackets = new ArrayList<>();

    TcpFlow(String clientEnd, TlsKeys keys) {
        this.clientEnd = clientEnd;
        this.tls = new TlsSession(keys);
    }

    void add(Packet p, byte[] b, int l4, String srcEnd, Topology topo) {
        packets.add(p);
        Direction d = dirs[srcEnd.equals(clientEnd) ? 0 : 1], o = dirs[1 - d.index];
        if (d.index == 1 && serverEnd == null) serverEnd = srcEnd;
        if (d.device < 0 && !p.hops.isEmpty()) d.device = p.hops.getFirst().device();
        int ip = 14, total = Bytes.u16(b, ip + 2), thl = ((b[l4 + 12] & 0xf0) >> 2);
        int payloadOff = l4 + thl, len = Math.max(0, Math.min(b.length, ip + total) - payloadOff);
        int flags = b[l4 + 13] & 0xff, seq = Bytes.i32(b, l4 + 4), ack = Bytes.i32(b, l4 + 8), win = Bytes.u16(b, l4 + 14);
        boolean syn = TcpFlags.has(flags, TcpFlags.SYN), fin = TcpFlags.has(flags, TcpFlags.FIN), rst = TcpFlags.has(flags, TcpFlags.RST);
        boolean isAck = TcpFlags.has(flags, TcpFlags.ACK);
        if (!d.isnKnown) {
            d.isn = syn ? seq : seq - 1;
            d.isnKnown = true;
        }
        if (syn) d.windowScale = windowScale(b, l4 + 20, payloadOff);
        long rel = Integer.toUnsignedLong(seq - d.isn);
        long relAck = o.isnKnown ? Integer.toUnsignedLong(ack - o.isn) : 0;
        long end = rel + len + (syn ? 1 : 0) + (fin ? 1 : 0);
        boolean retransmission = (len > 0 || syn || fin) && end <= d.maxEnd;
        if (retransmission) p.marks |= Packets.MARK_RETRANSMISSION;
        if (rst) p.marks |= Packets.MARK_RESET;
        boolean pureAck = isAck && len == 0 && !syn && !fin && !rst;
        if (pureAck && relAck == d.lastAck && o.maxEnd > relAck) p.marks |= Packets.MARK_DUP_ACK;
        if (pureAck && relAck > d.lastAck) {
            Packet data = o.byEnd.get(relAck);
            long arrived = data == null ? -1 : arrivalAt(data, d.device);
            if (arrived >= 0 && p.at() - arrived >= DELAYED_ACK_NANOS) {
                p.marks |= Packets.MARK_DELAYED_ACK;
                p.waitFrom = arrived;
            }
        }
        if (win == 0 && !rst && !syn) p.marks |= Packets.MARK_ZERO_WINDOW;
        if (isAck) d.lastAck = Math.max(d.lastAck, relAck);
        if (end > d.maxEnd) {
            d.maxEnd = end;
            d.byEnd.putIfAbsent(end, p);
        }
        if (fin && d.finAt < 0) {
            d.finAt = rel + len;
            if (firstFin < 0) firstFin = d.index;
        }
        // the side that sent the first FIN enters TIME-WAIT when it acknowledges the other side's FIN (RFC 9293 §3.6)
        if (firstFin == d.index && timeWaitFrom < 0 && o.finAt >= 0 && isAck && relAck >= o.finAt + 1) {
            timeWaitFrom = p.at();
            timeWaitDevice = d.device;
        }

        segments.add(new long[] {d.index, rel, len, isAck ? relAck : -1, syn || o.windowScale < 0 || d.windowScale < 0 ? win : (long) win << d.windowScale,
                retransmission ? 1 : 0, syn ? 1 : 0, fin ? 1 : 0});
        segmentPackets.add(p);
        String flagText = flagLabel(flags);
        StringBuilder info = new StringBuilder();
        if (retransmission) info.append("[TCP Retransmission] ");
        else if ((p.marks & Packets.MARK_DUP_ACK) != 0) info.append("[TCP Dup ACK] ");
        info.append(Bytes.u16(b, l4)).append(" → ").append(Bytes.u16(b, l4 + 2)).append(" [").append(flagText.replace("/", ", ")).append("] Seq=").append(rel);
        if (isAck) info.append(" Ack=").append(relAck);
        long scaled = syn || o.windowScale < 0 || d.windowScale < 0 ? win : (long) win << d.windowScale;
        info.append(" Win=").append(scaled).append(" Len=").append(len);
        if (syn) {
            int mss = mss(b, l4 + 20, payloadOff);
            if (mss > 0) info.append(" MSS=").append(mss);
            if (d.windowScale >= 0) info.append(" WS=").append(1 << d.windowScale);
        }
        p.info = info.toString();
        p.label = len == 0 ? flagText : (flagText.equals("ACK") ? "" : flagText + " ") + "Seq=" + rel + " Len=" + len;
        if (retransmission) p.label = "Retransmission " + p.label;

        if (len > 0 && !retransmission) deliver(d, p, rel, b, payloadOff, len);
        else if (len > 0 && rel + len > d.next) deliver(d, p, rel, b, payloadOff, len);
    }

    /** In-order delivery to the direction's application decoder; out-of-order data waits for the gap to fill. */
    private void deliver(Direction d, Packet p, long rel, byte[] b, int off, int len) {
        byte[] data = java.util.Arrays.copyOfRange(b, off, off + len);
        if (rel + len <= d.next) return;
        d.pending.put(rel, new Object[] {p, data});
        while (!d.pending.isEmpty() && d.pending.firstKey() <= d.next) {
            Map.Entry<Long, Object[]> e = d.pending.pollFirstEntry();
            byte[] chunk = (byte[]) e.getValue()[1];
            int skip = (int) (d.next - e.getKey());
            if (skip >= chunk.length) continue;
            if (d.app == null) d.app = AppStream.choose(chunk, skip, d.index == 0, tls);
            if (d.app != null) d.app.accept(chunk, skip, chunk.length - skip, (Packet) e.getValue()[0]);
            d.next = e.getKey() + chunk.length;
        }
    }

    private static long arrivalAt(Packet p, int device) {
        for (Hop h : p.hops) if (h.device() == device) return h.arrived();
        return -1;
    }

    /** timeWaitNanos: how long a device keeps a connection in TIME-WAIT (its 2 MSL), 0 when it keeps none. */
    void finish(Conversations.Conversation c, long endAt, java.util.function.IntToLongFunction timeWaitNanos) {
        if (timeWaitFrom < 0 || timeWaitDevice < 0) return;
        long length = timeWaitNanos.applyAsLong(timeWaitDevice);
        if (length > 0) c.timeWaits.add(new long[] {timeWaitDevice, timeWaitFrom, Math.min(endAt, timeWaitFrom + length), length});
    }

    /** "SYN", "SYN/ACK", "ACK", "PSH/ACK", "FIN/ACK", "RST", "RST/ACK". */
    static String flagLabel(int flags) {
        List<String> parts = new ArrayList<>();
        if (TcpFlags.has(flags, TcpFlags.SYN)) parts.add("SYN");
        if (TcpFlags.has(flags, TcpFlags.FIN)) parts.add("FIN");
        if (TcpFlags.has(flags, TcpFlags.RST)) parts.add("RST");
        if (TcpFlags.has(flags, TcpFlags.PSH)) parts.add("PSH");
        if (TcpFlags.has(flags, TcpFlags.URG)) parts.add("URG");
        if (TcpFlags.has(flags, TcpFlags.ECE)) parts.add("ECE");
        if (TcpFlags.has(flags, TcpFlags.CWR)) parts.add("CWR");
        if (TcpFlags.has(flags, TcpFlags.ACK)) parts.add("ACK");
        return parts.isEmpty() ? "none" : String.join("/", parts);
    }

    /** RFC 9293 §3.2 option kinds: 2 MSS, 3 window scale. */
    private static int mss(byte[] b, int from, int to) {
        int[] v = option(b, from, to, 2);
        return v == null ? -1 : Bytes.u16(b, v[0]);
    }

    private static int windowScale(byte[] b, int from, int to) {
        int[] v = option(b, from, to, 3);
        return v == null ? -1 : Math.min(14, b[v[0]] & 0xff);   // RFC 7323 §2.3: at most 14
    }

    private static int[] option(byte[] b, int from, int to, int kind) {
        int i = from;
        while (i < to && i < b.length) {
            int k = b[i] & 0xff;
            if (k == 0) return null;
            if (k == 1) { i++; continue; }
            if (i + 1 >= to) return null;
            int len = b[i + 1] & 0xff;
            if (len < 2) return null;
            if (k == kind) return new int[] {i + 2};
            i += len;
        }
        return null;
    }
}
