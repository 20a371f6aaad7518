package io.wirelab.wire.filter;

import java.util.HashMap;
import java.util.Map;

/**
 * wirelab's own version of Wireshark's TCP sequence analysis over a capture read in order: stream
 * indexes, relative sequence numbers, and the tcp.analysis flags retransmission (a segment that
 * carries sequence space below the highest already seen in its direction, not a keep-alive),
 * fast_retransmission (a retransmission after two or more duplicate ACKs for its sequence number),
 * duplicate_ack, keep_alive and zero_window.
 */
final class TcpAnalysis {
    private record Tuple(int srcIp, int srcPort, int dstIp, int dstPort) {
        Tuple reverse() { return new Tuple(dstIp, dstPort, srcIp, srcPort); }
    }

    /** One direction of a stream. */
    private static final class Direction {
        final long stream;
        long base = -1;             // the ISN (or first sequence number seen)
        long nextRel = -1;          // highest relative sequence number + segment length seen
        long lastAckRaw = -1;
        int lastWindow = -1;
        int dupAcks;

        Direction(long stream) { this.stream = stream; }
    }

    private final Map<Tuple, Direction> directions = new HashMap<>();
    private long streams;

    /** What the analysis says about one segment. */
    record Result(long stream, long relSeq, long nextSeq, long relAck, boolean hasRelAck, boolean retransmission,
                  boolean fastRetransmission, boolean duplicateAck, int duplicateAckNumber, boolean keepAlive, boolean zeroWindow) {}

    Result segment(int srcIp, int srcPort, int dstIp, int dstPort, long seqRaw, long ackRaw, int flags, int window, int payload) {
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
            d = new Direction(back != null ? back.stream : streams++);
            directions.put(t, d);
        }
        if (d.base < 0) d.base = seqRaw;
        long relSeq = rel(seqRaw, d);
        long segLen = payload + (syn ? 1 : 0) + (fin ? 1 : 0);
        boolean keepAlive = d.nextRel >= 0 && segLen <= 1 && !syn && !fin && !rst && relSeq == d.nextRel - 1;
        boolean retransmission = !keepAlive && segLen > 0 && d.nextRel >= 0 && relSeq < d.nextRel;
        boolean fast = retransmission && back != null && back.dupAcks >= 2 && back.lastAckRaw == seqRaw;
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
            d.lastWindow = window;
        }
        long next = relSeq + segLen;
        if (d.nextRel < 0 || next > d.nextRel) d.nextRel = next;
        boolean zeroWindow = window == 0 && !syn && !fin && !rst;
        boolean hasRelAck = ack && back != null && back.base >= 0;
        return new Result(d.stream, relSeq, relSeq + segLen, hasRelAck ? rel(ackRaw, back) : ackRaw, hasRelAck, retransmission, fast,
                dupAck, dupNumber, keepAlive, zeroWindow);
    }

    private static long rel(long raw, Direction d) { return (raw - d.base) & 0xffff_ffffL; }
}
