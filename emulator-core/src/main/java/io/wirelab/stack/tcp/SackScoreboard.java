package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpOption.SackBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sender's scoreboard (RFC 6675 §3): every segment sent and not yet cumulatively acknowledged, in
 * sequence order, with whether it was SACKed, deemed lost or retransmitted. Unsacked segments are also
 * linked in order of their last transmission, which RACK (RFC 8985 §6.2) walks. Byte totals are kept as
 * Linux keeps packets_out / sacked_out / lost_out / retrans_out, so {@link #pipe()} costs nothing.
 * Segments are addressed by a position that stays valid until the segment is acknowledged.
 */
final class SackScoreboard {
    static final long NONE = -1;
    static final int DUP_THRESH = 3;                            // RFC 6675 §2 DupThresh

    private static final byte SACKED = 1;                      // covered by a SACK block
    private static final byte LOST = 2;                        // deemed lost (RACK, or the RTO)
    private static final byte RETRANS = 4;                     // a retransmitted copy is in flight
    private static final byte EVER_RETRANS = 8;                // sent more than once (RACK, RFC 8985 §6.2 step 2)
    private static final byte TIMED = 16;                      // linked in the transmission-order list

    /** A segment newly delivered (cumulatively or selectively): what RACK needs (RFC 8985 §6.2). */
    interface DeliveryListener { void delivered(long sentAt, int endSeq, boolean retransmitted); }

    /** Slots a connection starts with (a power of two; the ring doubles as segments stay in flight): IW10 fits. */
    static final int FIRST_SLOTS = 16;
    // segment ring, indexed by position & mask; positions head..tail-1 are in sequence order
    private int[] start = new int[FIRST_SLOTS], end = new int[FIRST_SLOTS];
    private long[] sentAt = new long[FIRST_SLOTS], timePrev = new long[FIRST_SLOTS], timeNext = new long[FIRST_SLOTS];
    private byte[] state = new byte[FIRST_SLOTS];
    private long head, tail;
    private long timeFirst = NONE, timeLast = NONE;            // unsacked segments, oldest transmission first
    private long lostHint = NONE;                              // no unretransmitted lost segment before this

    private long lossMarks;
    private long outBytes, sackedBytes, lostBytes, retransBytes, lostPendingBytes;
    private int highSacked;                                    // right edge of the highest SACKed byte
    private int sackedSegments;
    private boolean reorderingSeen;
    private boolean dsack;                                     // the last ACK carried a D-SACK block
    private boolean lastAckSacked;                             // the last ACK SACKed a segment newly
    private SackBlock[] lastBlocks = new SackBlock[0];

    boolean isEmpty() { return head == tail; }
    int segments() { return (int) (tail - head); }
    /** Sequence number after the last segment recorded. */
    int sndMax() { return isEmpty() ? 0 : end[idx(tail - 1)]; }
    long sackedBytes() { return sackedBytes; }
    int sackedSegments() { return sackedSegments; }
    long lostBytes() { return lostBytes; }
    long retransBytes() { return retransBytes; }
    /** RFC 2883: the last ACK reported a duplicate segment. */
    boolean lastAckHadDsack() { return dsack; }
    /** The last ACK SACKed a segment not SACKed before (Linux FLAG_DATA_SACKED). */
    boolean lastAckSacked() { return lastAckSacked; }
    boolean hasSacked() { return sackedSegments > 0; }
    int highSacked() { return highSacked; }
    /** A segment never retransmitted was SACKed or acknowledged after a later one (Linux reord_seen). */
    boolean reorderingSeen() { return reorderingSeen; }

    /** RFC 6675 §4 pipe, in Linux's form: bytes out - (SACKed + lost) + retransmitted and in flight. */
    long pipe() { return outBytes - sackedBytes - lostBytes + retransBytes; }

    /** A new segment [seq, seq+len) left at time now; seq follows the last one recorded. */
    void onSend(int seq, int len, long now) {
        if (tail - head == start.length) grow();
        int i = idx(tail);
        start[i] = seq;
        end[i] = seq + len;
        sentAt[i] = now;
        state[i] = 0;
        linkAtTimeTail(tail);
        tail++;
        outBytes += len;
    }

    /**
     * A FIN joins the last segment before it leaves (Linux tcp_send_fin): that segment grows by one. False when
     * the last segment does not end at seq or has been SACKed, deemed lost or sent again.
     */
    boolean extendLast(int seq) {
        if (isEmpty()) return false;
        int i = idx(tail - 1);
        if (end[i] != seq || (state[i] & ~TIMED) != 0) return false;
        end[i]++;
        outBytes++;
        return true;
    }

    /** The segment at pos was sent again at time now (RFC 6675 §5 (4.3) / RFC 8985 §6.1). */
    void onRetransmit(long pos, long now) {
        int i = idx(pos);
        if ((state[i] & RETRANS) == 0) {
            retransBytes += len(i);
            if ((state[i] & LOST) != 0) lostPendingBytes -= len(i);
        }
        state[i] |= RETRANS | EVER_RETRANS;
        sentAt[i] = now;
        unlinkTime(pos);
        linkAtTimeTail(pos);
    }

    /**
     * Processes one ACK: drops segments below ack, marks segments covered by SACK blocks (RFC 6675 §5
     * "update the scoreboard"). Blocks outside SND.UNA..SND.MAX, and D-SACK blocks (RFC 2883 §4), mark
     * nothing. Returns the bytes newly delivered, acknowledged or SACKed (RFC 6937 DeliveredData).
     */
    long onAck(int ack, List<SackBlock> blocks, DeliveryListener listener) {
        long delivered = 0;
        dsack = false;
        while (head != tail && Seq.le(end[idx(head)], ack)) {
            int i = idx(head);
            if ((state[i] & SACKED) == 0) {
                delivered += len(i);
                noteReordering(i);
                listener.delivered(sentAt[i], end[i], (state[i] & EVER_RETRANS) != 0);
            }
            remove(i);
            head++;
        }
        if (lostHint != NONE && lostHint < head) lostHint = head;
        if (head == tail) highSacked = ack;
        long sacked = blocks.isEmpty() ? 0 : markSacked(ack, blocks, listener);
        lastAckSacked = sacked > 0;
        return delivered + sacked;
    }

    private long markSacked(int ack, List<SackBlock> blocks, DeliveryListener listener) {
        long delivered = 0;
        SackBlock[] seen = lastBlocks;
        List<SackBlock> used = new ArrayList<>(blocks.size());
        SackBlock first = blocks.getFirst();
        dsack = Seq.lt(first.left(), first.right()) && isDsack(first, ack, blocks);
        if (head == tail) { lastBlocks = new SackBlock[0]; return 0; }
        int una = start[idx(head)], max = end[idx(tail - 1)];
        for (int b = 0; b < blocks.size(); b++) {
            SackBlock s = blocks.get(b);
            if (b == 0 && dsack) continue;
            if (!Seq.lt(s.left(), s.right()) || Seq.lt(s.left(), una) || Seq.gt(s.right(), max)) continue;
            used.add(s);
            // only the part not covered by the previous ACK's blocks can be new (Linux recv_sack_cache)
            delivered += markNew(s.left(), s.right(), s, seen, 0, listener);
        }
        lastBlocks = used.toArray(new SackBlock[0]);
        return delivered;
    }

    /** RFC 2883 §4: the first block reports a duplicate if it lies below the ACK or inside the second block. */
    private static boolean isDsack(SackBlock s, int ack, List<SackBlock> blocks) {
        if (Seq.le(s.right(), ack)) return true;
        return blocks.size() > 1 && Seq.ge(s.left(), blocks.get(1).left()) && Seq.le(s.right(), blocks.get(1).right());
    }

    /** Marks segments wholly inside block that overlap [left, right) minus the blocks already seen. */
    private long markNew(int left, int right, SackBlock block, SackBlock[] seen, int from, DeliveryListener listener) {
        for (int k = from; k < seen.length; k++) {
            SackBlock c = seen[k];
            if (Seq.ge(c.left(), right) || Seq.le(c.right(), left)) continue;
            long d = 0;
            if (Seq.lt(left, c.left())) d += markNew(left, c.left(), block, seen, k + 1, listener);
            if (Seq.gt(right, c.right())) d += markNew(c.right(), right, block, seen, k + 1, listener);
            return d;
        }
        long delivered = 0;
        for (long p = firstEndingAfter(left); p < tail; p++) {
            int i = idx(p);
            if (Seq.ge(start[i], right)) break;
            // RFC 6675 §4: a segment counts as SACKed only when the block covers all of it
            if ((state[i] & SACKED) != 0 || Seq.lt(start[i], block.left()) || Seq.gt(end[i], block.right())) continue;
            noteReordering(i);
            if ((state[i] & LOST) != 0) { lostBytes -= len(i); if ((state[i] & RETRANS) == 0) lostPendingBytes -= len(i); }
            if ((state[i] & RETRANS) != 0) retransBytes -= len(i);
            state[i] = (byte) ((state[i] | SACKED) & ~(LOST | RETRANS));
            sackedBytes += len(i);
            sackedSegments++;
            delivered += len(i);
            unlinkTime(p);
            listener.delivered(sentAt[i], end[i], (state[i] & EVER_RETRANS) != 0);
            if (sackedSegments == 1 || Seq.gt(end[i], highSacked)) highSacked = end[i];
        }
        return delivered;
    }

    /** A never-retransmitted segment delivered below the highest SACKed byte arrived out of order. */
    private void noteReordering(int i) {
        if ((state[i] & EVER_RETRANS) == 0 && sackedSegments > 0 && Seq.lt(end[i], highSacked)) reorderingSeen = true;
    }

    /**
     * RFC 6675 §4 IsLost(SeqNum): true if DupThresh SACKed segments lie above seq, or more than
     * (DupThresh - 1) * SMSS bytes above it are SACKed. For SND.UNA it costs nothing (Linux's
     * sacked_out >= reordering test).
     */
    boolean isLost(int seq, int smss) {
        if (head == tail || Seq.le(seq, start[idx(head)])) {
            return sackedSegments >= DUP_THRESH || sackedBytes > (long) (DUP_THRESH - 1) * smss;
        }
        long sackedAbove = 0;
        int segments = 0;
        for (long p = tail - 1; p >= head && Seq.gt(end[idx(p)], seq); p--) {
            int i = idx(p);
            if ((state[i] & SACKED) == 0 || Seq.lt(start[i], seq)) continue;
            sackedAbove += len(i);
            if (++segments >= DUP_THRESH || sackedAbove > (long) (DUP_THRESH - 1) * smss) return true;
        }
        return false;
    }

    /** How many times a segment was newly deemed lost (to tell whether an ACK found a new loss). */
    long lossMarks() { return lossMarks; }

    /** Marks the segment at pos lost; a lost retransmission no longer counts as in flight. */
    void markLost(long pos) {
        int i = idx(pos);
        byte s = state[i];
        if ((s & SACKED) != 0 || ((s & LOST) != 0 && (s & RETRANS) == 0)) return;
        if ((s & RETRANS) != 0) retransBytes -= len(i);
        if ((s & LOST) == 0) lostBytes += len(i);
        state[i] = (byte) ((s | LOST) & ~RETRANS);
        lostPendingBytes += len(i);
        lossMarks++;
        unlinkTime(pos);                                       // back in the list once retransmitted
        if (lostHint == NONE || pos < lostHint) lostHint = pos;
    }

    /**
     * After an RTO every unsacked segment is lost (RFC 6675 §5.1, Linux tcp_timeout_mark_lost). If the
     * segment at SND.UNA is SACKed the receiver has reneged (RFC 2018 §8): all SACK marks are forgotten.
     */
    void markAllLost() {
        if (head == tail) return;
        if ((state[idx(head)] & SACKED) != 0) {
            for (long p = head; p < tail; p++) {
                int i = idx(p);
                if ((state[i] & SACKED) != 0) state[i] &= ~SACKED;
            }
            sackedBytes = 0;
            sackedSegments = 0;
            lastBlocks = new SackBlock[0];
        }
        for (long p = head; p < tail; p++) markLost(p);
    }

    /**
     * A timeout or loss found spurious (Linux tcp_undo_cwnd_reduction with unmark_loss): no segment is lost
     * any more; RACK's transmission-order list is rebuilt from the send times.
     */
    void clearLostMarks() {
        List<Long> unsacked = new ArrayList<>();
        for (long p = head; p < tail; p++) {
            int i = idx(p);
            state[i] &= ~LOST;
            unlinkTime(p);
            if ((state[i] & SACKED) == 0) unsacked.add(p);
        }
        unsacked.sort((a, b) -> RackTlp.sentAfter(sentAt[idx(a)], end[idx(a)], sentAt[idx(b)], end[idx(b)]) ? 1
                : RackTlp.sentAfter(sentAt[idx(b)], end[idx(b)], sentAt[idx(a)], end[idx(a)]) ? -1 : 0);
        for (long p : unsacked) linkAtTimeTail(p);
        lostBytes = 0;
        lostPendingBytes = 0;
        lostHint = NONE;
    }

    /** Every unsacked segment overlapping [seq, end) was sent again at time now. */
    void onRetransmitRange(int seq, int endSeq, long now) {
        for (long p = firstEndingAfter(seq); p < tail && Seq.lt(start[idx(p)], endSeq); p++) {
            if ((state[idx(p)] & SACKED) == 0) onRetransmit(p, now);
        }
    }

    /** RFC 6675 §4 NextSeg() rule (1): the first lost segment not yet retransmitted, or NONE. */
    long nextLost() {
        if (lostPendingBytes == 0 || lostHint == NONE) return NONE;
        for (long p = Math.max(lostHint, head); p < tail; p++) {
            int s = state[idx(p)];
            if ((s & LOST) != 0 && (s & (RETRANS | SACKED)) == 0) { lostHint = p; return p; }
        }
        lostHint = NONE;
        return NONE;
    }

    /** The position of the segment holding seq, or NONE. */
    long find(int seq) {
        long p = firstEndingAfter(seq);
        return p < tail && Seq.le(start[idx(p)], seq) ? p : NONE;
    }

    long outBytes() { return outBytes; }
    /** Sequence number of the first segment (SND.UNA when data is outstanding). */
    int firstSeq() { return isEmpty() ? 0 : start[idx(head)]; }
    long last() { return head == tail ? NONE : tail - 1; }
    int startSeq(long pos) { return start[idx(pos)]; }
    int endSeq(long pos) { return end[idx(pos)]; }
    long sentAt(long pos) { return sentAt[idx(pos)]; }
    boolean isLost(long pos) { return (state[idx(pos)] & LOST) != 0; }
    boolean isSacked(long pos) { return (state[idx(pos)] & SACKED) != 0; }
    boolean isRetransmitted(long pos) { return (state[idx(pos)] & RETRANS) != 0; }
    boolean everRetransmitted(long pos) { return (state[idx(pos)] & EVER_RETRANS) != 0; }

    /** Unsacked segments in order of their last transmission, oldest first (RFC 8985 §6.2 step 5). */
    long oldestSent() { return timeFirst; }
    long nextSent(long pos) { return timeNext[idx(pos)]; }

    void clear() {
        head = tail = 0;
        timeFirst = timeLast = lostHint = NONE;
        outBytes = sackedBytes = lostBytes = retransBytes = lostPendingBytes = 0;
        sackedSegments = 0;
        lastBlocks = new SackBlock[0];
    }

    // ------------------------------------------------------------ internals

    private int idx(long pos) { return (int) (pos & (start.length - 1)); }
    private int len(int i) { return end[i] - start[i]; }

    /** Binary search: the first position whose segment ends after seq. */
    private long firstEndingAfter(int seq) {
        long lo = head, hi = tail;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (Seq.le(end[idx(mid)], seq)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void remove(int i) {
        int n = len(i);
        outBytes -= n;
        if ((state[i] & SACKED) != 0) { sackedBytes -= n; sackedSegments--; }
        unlinkTime(head);
        if ((state[i] & LOST) != 0 && (state[i] & SACKED) == 0) {
            lostBytes -= n;
            if ((state[i] & RETRANS) == 0) lostPendingBytes -= n;
        }
        if ((state[i] & RETRANS) != 0) retransBytes -= n;
        state[i] = 0;
    }

    private void linkAtTimeTail(long pos) {
        int i = idx(pos);
        state[i] |= TIMED;
        timePrev[i] = timeLast;
        timeNext[i] = NONE;
        if (timeLast == NONE) timeFirst = pos; else timeNext[idx(timeLast)] = pos;
        timeLast = pos;
    }

    private void unlinkTime(long pos) {
        int i = idx(pos);
        if ((state[i] & TIMED) == 0) return;
        state[i] &= ~TIMED;
        long prev = timePrev[i], next = timeNext[i];
        if (prev == NONE) timeFirst = next; else timeNext[idx(prev)] = next;
        if (next == NONE) timeLast = prev; else timePrev[idx(next)] = prev;
        timePrev[i] = timeNext[i] = NONE;
    }

    private void grow() {
        int n = start.length * 2;
        int[] s = new int[n], e = new int[n];
        long[] t = new long[n], tp = new long[n], tn = new long[n];
        byte[] st = new byte[n];
        for (long p = head; p < tail; p++) {
            int from = idx(p), to = (int) (p & (n - 1));
            s[to] = start[from]; e[to] = end[from]; t[to] = sentAt[from];
            tp[to] = timePrev[from]; tn[to] = timeNext[from]; st[to] = state[from];
        }
        start = s; end = e; sentAt = t; timePrev = tp; timeNext = tn; state = st;
    }

    @Override public String toString() {
        return "SackScoreboard{segments=" + segments() + ", out=" + outBytes + ", sacked=" + sackedBytes
                + ", lost=" + lostBytes + ", retrans=" + retransBytes + ", pipe=" + pipe()
                + ", blocks=" + Arrays.toString(lastBlocks) + "}";
    }
}
