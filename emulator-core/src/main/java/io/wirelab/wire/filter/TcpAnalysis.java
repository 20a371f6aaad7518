package io.wirelab.wire.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * wirelab's own version of Wireshark's TCP sequence analysis (epan/dissectors/packet-tcp.c,
 * tcp_analyze_sequence_number) over a capture read in order: stream indexes, relative sequence numbers
 * and the tcp.analysis flags. A segment carrying sequence space below the highest seen in its direction
 * is, in this order: a keep-alive (one byte or none just below it); a fast retransmission (two or more
 * duplicate ACKs for its sequence number, the last within 20 ms); out-of-order (it arrives within the
 * initial RTT, or 3 ms before one is known, of the segment that advanced the sequence and does not end
 * there); a spurious retransmission (the peer already acknowledged all of it); else a retransmission.
 * As in Wireshark, a fast retransmission also counts as a retransmission.
 */
final class TcpAnalysis {
    private static final long FAST_RETRANSMISSION_WINDOW = 20_000_000L;
    private static final long OUT_OF_ORDER_DEFAULT = 3_000_000L;

    private record Tuple(int srcIp, int srcPort, int dstIp, int dstPort) {
        Tuple reverse() { return new Tuple(dstIp, dstPort, srcIp, srcPort); }
    }

    /** What both directions of a connection share. */
    private static final class Stream {
        final long index;
        long synNanos = -1;
        long initialRttNanos = -1;

        Stream(long index) { this.index = index; }
    }

    /** One direction of a stream. */
    private static final class Direction {
        final Stream stream;
        long base = -1;             // the ISN (or first sequence number seen)
        long nextRel = -1;          // highest relative sequence number + segment length seen
        long nextNanos;             // when nextRel last advanced
        long lastAckRaw = -1;
        long lastAckNanos;
        int lastWindow = -1;
        int dupAcks;
        boolean sawSyn;

        Direction(Stream stream) { this.stream = stream; }
    }

    private final Map<Tuple, Direction> directions = new HashMap<>();
    private long streams;

    /** What the analysis says about one segment. */
    record Result(long stream, long relSeq, long nextSeq, long relAck, boolean retransmission, boolean fastRetransmission,
                  boolean spuriousRetransmission, boolean outOfOrder, boolean duplicateAck, int duplicateAckNumber,
                  boolean keepAlive, boolean zeroWindow) {}

    Result segment(long nanos, int srcIp, int srcPort, int dstIp, int dstPort, long seqRaw, long ackRaw, int flags, int window, int payload) {
        boolean syn = (flags & 0x02) != 0, fin = (flags & 0x01) != 0, rst = (flags & 0x04) != 0, ack = (flags & 0x10) != 0;
        Tuple t = new Tuple(srcIp, srcPort, dstIp, dstPort);
        Direction d = directions.get(t);
        Direction back = directions.get(t.reverse());
        if (d != null && syn && !ack && seqRaw != d.base) {   // a new connection on the same ports: a new stream
            directions.remove(t.reverse());
            back = null;
            d = null;
        }
        if (d == null) {
            d = new Direction(back != null ? back.stream : new Stream(streams++));
            directions.put(t, d);
        }
        Stream s = d.stream;
        if (syn && !ack && s.synNanos < 0) s.synNanos = nanos;
        if (syn) d.sawSyn = true;
        if (!syn && ack && s.initialRttNanos < 0 && s.synNanos >= 0 && back != null && back.sawSyn && d.sawSyn)
            s.initialRttNanos = nanos - s.synNanos;                // the ACK that completes the handshake
        if (d.base < 0) d.base = seqRaw;
        long relSeq = rel(seqRaw, d);
        long segLen = payload + (syn ? 1 : 0) + (fin ? 1 : 0);
        boolean keepAlive = d.nextRel >= 0 && segLen <= 1 && !syn && !fin && !rst && relSeq == d.nextRel - 1;
        boolean retransmission = false, fast = false, spurious = false, outOfOrder = false;
        if (!keepAlive && segLen > 0 && d.nextRel >= 0 && relSeq < d.nextRel) {
            long sinceAdvance = nanos - d.nextNanos;
            long threshold = s.initialRttNanos > 0 ? s.initialRttNanos : OUT_OF_ORDER_DEFAULT;
            if (back != null && back.dupAcks >= 2 && back.lastAckRaw == seqRaw && nanos - back.lastAckNanos < FAST_RETRANSMISSION_WINDOW) {
                fast = true;
                retransmission = true;
            } else if (payload > 0 && sinceAdvance < threshold && d.nextRel != relSeq + segLen) {
                outOfOrder = true;
            } else if (payload > 0 && back != null && back.lastAckRaw >= 0 && rel(back.lastAckRaw, d) >= relSeq + segLen) {
                spurious = true;
            } else {
                retransmission = true;
            }
        }
        boolean dupAck = false;
        int dupNumber = 0;
        if (ack && !syn && !fin && !rst && payload == 0 && ackRaw == d.lastAckRaw && window == d.lastWindow
                && back != null && back.nextRel >= 0 && rel(ackRaw, back) < back.nextRel) {
            dupAck = true;
            dupNumber = ++d.dupAcks;
        } else if (ack && ackRaw != d.lastAckRaw) {
            d.dupAcks = 0;
        }
        if (ack) {
            d.lastAckRaw = ackRaw;
            d.lastAckNanos = nanos;
            d.lastWindow = window;
        }
        long next = relSeq + segLen;
        if (d.nextRel < 0 || next > d.nextRel) {
            d.nextRel = next;
            d.nextNanos = nanos;
        }
        boolean zeroWindow = window == 0 && !syn && !fin && !rst;
        long relAck = ack && back != null && back.base >= 0 ? rel(ackRaw, back) : ackRaw;
        return new Result(s.index, relSeq, relSeq + segLen, relAck, retransmission, fast, spurious, outOfOrder,
                dupAck, dupNumber, keepAlive, zeroWindow);
    }

    private static long rel(long raw, Direction d) { return (raw - d.base) & 0xffff_ffffL; }
}
