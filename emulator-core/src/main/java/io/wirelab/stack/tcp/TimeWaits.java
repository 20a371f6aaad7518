package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.SlotTimers;
import io.wirelab.sim.Timer;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpOption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A layer's connections in TIME-WAIT after their TcpConnections have left, as Linux's tcp_timewait_sock
 * (tcp_time_wait): per record the 4-tuple, the sequence and window state the answers need, TS.Recent and
 * the 2 MSL timer; no buffers, no congestion control, no application. A record answers segments as the
 * connection did in TIME-WAIT (RFC 9293 §3.10.7.4, Linux tcp_timewait_state_process): the peer's FIN
 * again is ACKed and restarts 2 MSL, anything unacceptable gets an ACK, an exact RST ends it (Linux
 * tcp_rfc1337 0, so not RFC 1337), and TcpLayer lets a new SYN take the 4-tuple (RFC 6191).
 * <p>
 * A record is a slot: a row of int columns and one of long columns, its 2 MSL in SlotTimers, found by
 * 4-tuple through an index (open addressing with linear probing, at most half full, deletion by shifting
 * back). No object per record, so a busy server's tens of thousands, each held for a minute, cost the
 * young collections nothing. Ended records' slots are reused, the longest free first; the arrays double.
 * How many records a layer holds at once is bounded by the connections' maxTimeWait (Linux tcp_max_tw_buckets,
 * checked in TcpConnection.handOffTimeWait before add).
 * <p>
 * A connection keeps its record's handle (serial and slot) and asks here whether it is still in TIME-WAIT;
 * the record points at neither the connection nor its trace. A trace that was handed out (TcpConnection.trace())
 * is told the end as it happens; a trace first asked for later finds the end in the freed slot as long as no
 * later record has taken it.
 */
final class TimeWaits {
    static final long NO_HANDLE = 0;                           // serials start at 1
    private static final int SLOT_BITS = 24;                   // a handle: serial << SLOT_BITS | slot
    private static final int MAX_SLOTS = 1 << SLOT_BITS;
    private static final int FIRST_CAPACITY = 1;                // a client host holds one or two: the arrays start at one slot

    // int columns of a slot
    private static final int LOCAL_ADDRESS = 0, REMOTE_ADDRESS = 1, PORTS = 2;   // PORTS: local << 16 | remote
    private static final int RCV_NXT = 3;                      // the peer's FIN included
    private static final int RCV_ADV_RIGHT = 4;                // right edge of the last advertised window
    private static final int RCV_FREE = 5;                     // the receive window's room, frozen as Linux tw_rcv_wnd
    private static final int RCV_SHIFT = 6;
    private static final int WINDOW_GROWTH = 7;                // RFC 9293 §3.8.6.2.2: least growth worth advertising
    private static final int SND_NXT = 8;                      // SND.NXT = SND.UNA: our FIN is acknowledged
    private static final int ACKABLE_END = 9;                  // highest acceptable SEG.ACK (sndMax or a probe's end)
    private static final int SND_SHIFT = 10;
    private static final int SND_WND = 11, SND_WL1 = 12, SND_WL2 = 13, MAX_SND_WND = 14;
    private static final int DSACK_LEFT = 15, DSACK_RIGHT = 16;   // RFC 2883: report [left, right) once
    private static final int TS_RECENT = 17, LAST_ACK_SENT = 18;  // RFC 7323 §4.3, as Paws
    private static final int RTO_MILLIS = 19;                  // for Linux tcp_disordered_ack
    private static final int FLAGS = 20;
    private static final int END_CAUSE = 21;                  // an index into END_CAUSES once ended
    private static final int NEXT_FREE = 22;                   // the free list, oldest freed first
    private static final int TS_OFFSET = 23;                   // the connection's timestamp offset (Linux tw_ts_offset)
    private static final int INTS = 24;

    // long columns of a slot
    private static final int SERIAL = 0;                       // of the record in the slot, or of the last one (ended)
    private static final int TWO_MSL_NANOS = 1;
    private static final int LAST_CHALLENGE_ACK_AT = 2;
    private static final int TS_RECENT_AT = 3;                 // TS.Recent's age (RFC 7323 §5.5); -1 = never set
    private static final int ENDED_AT = 4;
    private static final int LONGS = 5;

    // FLAGS
    private static final int LIVE = 1, TS_OK = 2, SACK_OK = 4, ACK_PENDING = 8, DSACK_PENDING = 16;

    private static final String[] END_CAUSES = {
            "2MSL expired", "connection reset by peer", "new SYN reuses the 4-tuple (RFC 6191)", "aborted"};
    private static final int EXPIRED = 0, RESET = 1, NEW_SYN = 2, ABORTED = 3;

    /** What one slot takes in the columns, the 4-tuple index (2 entries per slot) and SlotTimers (2 longs, 2 ints). */
    static final int BYTES_PER_SLOT = 4 * INTS + 8 * LONGS + 4 * 2 + (8 * 2 + 4 * 2);

    /** The receive side as the connection leaves it: RCV.NXT, the advertised edge and what decides the window. */
    record Receive(int rcvNxt, int rcvAdvRight, int free, int shift, int windowGrowth) {}

    /** The send side: SND.NXT (= SND.UNA), the highest acceptable ACK, the peer's window and its update markers. */
    record Send(int sndNxt, int ackableEnd, int shift, int sndWnd, int sndWl1, int sndWl2, int maxSndWnd) {}

    private final TcpLayer layer;
    private int[] ints;                                        // null until the first record
    private long[] longs;
    private int[] index;                                       // slot + 1 by 4-tuple, 0 = empty; twice the slots
    private TcpTrace[] watchers;                               // null until a handed-out trace's connection is here
    private SlotTimers timers;                                 // the records' 2 MSL, one event for all
    private int capacity;                                      // slots in the arrays
    private int used;                                          // slots [0, used) have held a record
    private int firstFree = -1, lastFree = -1;
    private int size;                                          // records in the index
    private int live;                                          // records in TIME-WAIT (Linux: the death row's tw_refcount)
    private long serials;

    TimeWaits(TcpLayer layer) { this.layer = layer; }

    /** Records that hold their 4-tuple. */
    int size() { return size; }

    /** Records in TIME-WAIT, what tcp_max_tw_buckets bounds (one replaced in the index by a later one of its 4-tuple counts until its end). */
    int live() { return live; }

    /** Slots in the arrays (for tests: what the layer holds for its records). */
    int capacity() { return capacity; }

    // ---------------------------------------------------------------- records

    /** Linux tcp_time_wait: a record takes the 4-tuple (in place of one of the same 4-tuple) until expiresAt; its handle. */
    long add(TcpLayer.Key key, Receive r, Send s, Paws paws, boolean tsOk, int tsOffset, boolean sackOk, long expiresAt,
             long twoMslNanos, long rtoNanos, long lastChallengeAckAt) {
        int slot = takeSlot();
        int i = slot * INTS, l = slot * LONGS;
        ints[i + LOCAL_ADDRESS] = key.localAddress();
        ints[i + REMOTE_ADDRESS] = key.remoteAddress();
        ints[i + PORTS] = key.localPort() << 16 | key.remotePort();
        ints[i + RCV_NXT] = r.rcvNxt();
        ints[i + RCV_ADV_RIGHT] = r.rcvAdvRight();
        ints[i + RCV_FREE] = r.free();
        ints[i + RCV_SHIFT] = r.shift();
        ints[i + WINDOW_GROWTH] = r.windowGrowth();
        ints[i + SND_NXT] = s.sndNxt();
        ints[i + ACKABLE_END] = s.ackableEnd();
        ints[i + SND_SHIFT] = s.shift();
        ints[i + SND_WND] = s.sndWnd();
        ints[i + SND_WL1] = s.sndWl1();
        ints[i + SND_WL2] = s.sndWl2();
        ints[i + MAX_SND_WND] = s.maxSndWnd();
        ints[i + DSACK_LEFT] = 0;
        ints[i + DSACK_RIGHT] = 0;
        ints[i + TS_RECENT] = paws.tsRecent();
        ints[i + LAST_ACK_SENT] = paws.lastAckSent();
        ints[i + TS_OFFSET] = tsOffset;
        ints[i + RTO_MILLIS] = (int) (rtoNanos / SimTime.MS);
        ints[i + FLAGS] = LIVE | (tsOk ? TS_OK : 0) | (sackOk ? SACK_OK : 0);
        ints[i + END_CAUSE] = -1;
        long serial = ++serials;
        longs[l + SERIAL] = serial;
        longs[l + TWO_MSL_NANOS] = twoMslNanos;
        longs[l + LAST_CHALLENGE_ACK_AT] = lastChallengeAckAt;
        longs[l + TS_RECENT_AT] = paws.tsRecentAtNanos();
        longs[l + ENDED_AT] = -1;
        timers.setDeadline(slot, expiresAt);
        indexPut(slot);
        live++;
        return serial << SLOT_BITS | slot;
    }

    /** The slot of the record that holds the 4-tuple, or -1. */
    int find(int localAddress, int localPort, int remoteAddress, int remotePort) {
        if (index == null) return -1;
        int mask = index.length - 1;
        int ports = localPort << 16 | remotePort;
        for (int i = hash(localAddress, ports, remoteAddress, mask); ; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (slot < 0 || holds(slot, localAddress, ports, remoteAddress)) return slot;
        }
    }

    int find(TcpLayer.Key k) { return find(k.localAddress(), k.localPort(), k.remoteAddress(), k.remotePort()); }

    /** Whether the record of handle is still in TIME-WAIT. */
    boolean inTimeWait(long handle) {
        int slot = slotOf(handle);
        return isRecord(slot, handle) && (ints[slot * INTS + FLAGS] & LIVE) != 0;
    }

    /**
     * trace follows the record of handle: told its end when it comes, or at once if it has come and the slot
     * still holds it (a later record in the slot: the end is gone, the trace ends in TIME-WAIT).
     */
    void watch(long handle, TcpTrace trace) {
        int slot = slotOf(handle);
        if (!isRecord(slot, handle)) return;
        if ((ints[slot * INTS + FLAGS] & LIVE) == 0) {
            trace.timeWaitEnded(longs[slot * LONGS + ENDED_AT], END_CAUSES[ints[slot * INTS + END_CAUSE]]);
            return;
        }
        if (watchers == null) watchers = new TcpTrace[capacity];
        watchers[slot] = trace;
    }

    /** When the record's 2 MSL run out, unless a segment restarts them. */
    long expiresAt(int slot) { return timers.deadline(slot); }

    /** The records that hold their 4-tuple, as `ss` shows them, in no particular order. */
    void addSockets(List<TcpSocketInfo> out, long now) {
        if (index == null) return;
        for (int e : index) {
            if (e == 0) continue;
            int i = (e - 1) * INTS;
            out.add(new TcpSocketInfo(TcpState.TIME_WAIT, 0, 0, new Ipv4Address(ints[i + LOCAL_ADDRESS]),
                    ints[i + PORTS] >>> 16, new Ipv4Address(ints[i + REMOTE_ADDRESS]), ints[i + PORTS] & 0xffff,
                    expiresAt(e - 1) - now));
        }
    }

    // ---------------------------------------------------------------- SEGMENT ARRIVES in TIME-WAIT

    void onSegment(int slot, TcpHeader seg, int len, long now) {
        process(slot, seg, len, now);
        int flags = ints[slot * INTS + FLAGS];
        if ((flags & ACK_PENDING) != 0 && (flags & LIVE) != 0) sendAck(slot, now);
    }

    /** RFC 9293 §3.10.7.4 in TIME-WAIT, step by step as TcpConnection.segmentArrivesOtherState. */
    private void process(int slot, TcpHeader seg, int len, long now) {
        int i = slot * INTS, l = slot * LONGS;
        int rcvNxt = ints[i + RCV_NXT];
        boolean tsOk = (ints[i + FLAGS] & TS_OK) != 0;
        int seq = seg.seq();
        boolean syn = seg.syn();
        boolean fin = seg.fin();
        int rcvWnd = Math.max(0, Seq.diff(rcvNxt, ints[i + RCV_ADV_RIGHT]));
        if (syn && Seq.lt(seq, rcvNxt)) { syn = false; seq++; ackPending(slot); }   // a duplicate SYN, as BSD
        TcpOption.Timestamps ts = seg.timestamps();
        // RFC 7323 §5.3 R1 (PAWS) before the sequence check; an RST is exempt
        if (tsOk && !seg.rst() && ts != null && Paws.rejects(ints[i + TS_RECENT], longs[l + TS_RECENT_AT], ts.value(), now)
                && !disorderedAck(slot, seg, len)) {
            if (syn) sendChallengeAck(slot, now);
            else ackPending(slot);
            layer.counters().drop(TcpDrop.PAWS_REJECTED);
            return;
        }
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (!acceptable(rcvNxt, seq, segLen, rcvWnd)) {
            if (!seg.rst()) {
                if (fin) restart2Msl(slot, now);               // the peer's FIN again: our ACK was lost
                ackPending(slot);                              // "an acknowledgment should be sent in reply"
            }
            layer.counters().drop(TcpDrop.UNACCEPTABLE_SEQ);
            if (len > 0) layer.counters().count(TcpCounters.Event.RX_DUPLICATE);
            if (len > 0 && Seq.le(seq + len, rcvNxt)) reportDuplicate(slot, seq, seq + len);
            return;
        }
        if (seg.rst()) {                                       // RFC 5961 §3.2: exact match, else challenge ACK
            if (seq != rcvNxt) { sendChallengeAck(slot, now); return; }
            layer.counters().count(TcpCounters.Event.RESETS_RECEIVED);
            end(slot, RESET, now);
            return;
        }
        if (Seq.lt(seq, rcvNxt)) {                             // old data, or the old FIN, before RCV.NXT
            int cut = Math.min(Seq.diff(seq, rcvNxt), len);
            reportDuplicate(slot, seq, seq + cut);
            len -= cut;
            seq += cut;
            if (cut > 0) { layer.counters().count(TcpCounters.Event.RX_DUPLICATE); ackPending(slot); }
            if (Seq.lt(seq, rcvNxt)) {
                restart2Msl(slot, now);
                fin = false;
                seq = rcvNxt;
                ackPending(slot);
            }
        }
        int right = rcvNxt + Math.max(rcvWnd, ints[i + RCV_FREE]);
        if (Seq.gt(seq + len, right)) {
            len = Math.max(0, Seq.diff(seq, right));
            fin = false;
            layer.counters().drop(TcpDrop.OUT_OF_BUFFER);
            ackPending(slot);
        }
        if (tsOk && ts != null && Paws.replaces(ints[i + TS_RECENT], longs[l + TS_RECENT_AT], ints[i + LAST_ACK_SENT],
                seg.seq(), ts.value(), now)) {
            ints[i + TS_RECENT] = ts.value();
            longs[l + TS_RECENT_AT] = now;
        }
        if (syn) { sendChallengeAck(slot, now); return; }     // RFC 5961 §4
        if (!seg.isAck()) { layer.counters().drop(TcpDrop.NO_ACK_BIT); return; }
        int ack = seg.ack();
        int sndNxt = ints[i + SND_NXT];
        if (Seq.gt(ack, ints[i + ACKABLE_END]) || Seq.lt(ack, sndNxt - Math.max(ints[i + MAX_SND_WND], 1))) {   // RFC 5961 §5.2
            ackPending(slot);
            layer.counters().drop(TcpDrop.UNACCEPTABLE_ACK);
            return;
        }
        int sndWl1 = ints[i + SND_WL1];
        if (Seq.lt(sndWl1, seq) || (sndWl1 == seq && Seq.le(ints[i + SND_WL2], ack))) {   // RFC 9293 §3.10.7.4 fifth
            int sndWnd = seg.window() << ints[i + SND_SHIFT];
            ints[i + SND_WND] = sndWnd;
            ints[i + SND_WL1] = seq;
            ints[i + SND_WL2] = ack;
            ints[i + MAX_SND_WND] = Math.max(ints[i + MAX_SND_WND], sndWnd);
        }
        if (fin && rcvNxt != seq + len) ackPending(slot);     // data in TIME-WAIT is not taken
    }

    /** Linux tcp_disordered_ack, as TcpConnection: a pure duplicate ACK lagging TS.Recent by under one RTO passes PAWS. */
    private boolean disorderedAck(int slot, TcpHeader seg, int len) {
        int i = slot * INTS;
        return seg.isAck() && len == 0 && !seg.syn() && !seg.fin() && seg.seq() == ints[i + RCV_NXT]
                && seg.ack() == ints[i + SND_NXT] && (seg.window() << ints[i + SND_SHIFT]) == ints[i + SND_WND]
                && !Seq.gt(seg.seq(), ints[i + SND_WL1])
                && Paws.lag(ints[i + TS_RECENT], seg.timestamps().value()) <= ints[i + RTO_MILLIS];
    }

    /** RFC 9293 §3.10.7.4 first: the four cases of segment acceptability. */
    private static boolean acceptable(int rcvNxt, int seq, int segLen, int rcvWnd) {
        if (segLen == 0) return rcvWnd == 0 ? seq == rcvNxt : Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd);
        if (rcvWnd == 0) return false;
        return Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd) || Seq.inRange(seq + segLen - 1, rcvNxt, rcvNxt + rcvWnd);
    }

    private void ackPending(int slot) { ints[slot * INTS + FLAGS] |= ACK_PENDING; }

    private void reportDuplicate(int slot, int left, int right) {
        int i = slot * INTS;
        if ((ints[i + FLAGS] & SACK_OK) == 0 || !Seq.lt(left, right)) return;
        ints[i + FLAGS] |= DSACK_PENDING;
        ints[i + DSACK_LEFT] = left;
        ints[i + DSACK_RIGHT] = right;
    }

    /**
     * RFC 6191 §2 as Linux tcp_timewait_state_process: a SYN (no ACK, no RST) that passes PAWS may open a
     * new incarnation if its sequence number is above RCV.NXT or its TSval above TS.Recent.
     */
    boolean acceptsNewSyn(int slot, TcpHeader syn, long now) {
        int i = slot * INTS;
        if ((ints[i + FLAGS] & LIVE) == 0 || !syn.syn() || syn.isAck() || syn.rst()) return false;
        TcpOption.Timestamps ts = (ints[i + FLAGS] & TS_OK) != 0 ? syn.timestamps() : null;
        int tsRecent = ints[i + TS_RECENT];
        if (ts != null && Paws.rejects(tsRecent, longs[slot * LONGS + TS_RECENT_AT], ts.value(), now)) return false;
        return Seq.gt(syn.seq(), ints[i + RCV_NXT]) || (ts != null && ts.value() - tsRecent > 0);
    }

    /** Linux: the new incarnation's ISN is the old SND.NXT + 65537 (never 0), above anything the old one sent. */
    int successorIss(int slot) {
        int next = ints[slot * INTS + SND_NXT] + 65535 + 2;
        return next == 0 ? 1 : next;
    }

    /** A new SYN reuses the 4-tuple (RFC 6191). */
    void endForNewSyn(int slot, long now) {
        layer.counters().count(TcpCounters.Event.TIME_WAIT_REUSED);
        end(slot, NEW_SYN, now);
    }

    /** The application aborted the socket whose TIME-WAIT this is: the 4-tuple is free at once, nothing is sent. */
    void abort(long handle, long now) { if (inTimeWait(handle)) end(slotOf(handle), ABORTED, now); }

    /** RFC 1122 §4.2.3.9 leaves TIME-WAIT to the implementation; Linux ignores ICMP errors there. */
    void onIcmpError() { layer.counters().drop(TcpDrop.ICMP_IGNORED); }

    private void expire(int slot, long now) {
        layer.counters().count(TcpCounters.Event.TIME_WAIT_EXPIRED);
        end(slot, EXPIRED, now);
    }

    private void restart2Msl(int slot, long now) { timers.setDeadline(slot, now + longs[slot * LONGS + TWO_MSL_NANOS]); }   // RFC 9293 §3.10.7.4

    /** The record gives up its 4-tuple; its end stays in the slot (for a trace asked for later) until the slot is reused. */
    private void end(int slot, int cause, long now) {
        timers.cancel(slot);
        int i = slot * INTS;
        ints[i + FLAGS] &= ~LIVE;
        live--;
        ints[i + END_CAUSE] = cause;
        longs[slot * LONGS + ENDED_AT] = now;
        indexRemove(slot);
        ints[i + NEXT_FREE] = -1;
        if (lastFree < 0) firstFree = slot;
        else ints[lastFree * INTS + NEXT_FREE] = slot;
        lastFree = slot;
        TcpTrace watcher = watchers == null ? null : watchers[slot];
        if (watcher != null) {
            watchers[slot] = null;
            watcher.timeWaitEnded(now, END_CAUSES[cause]);
        }
    }

    // ---------------------------------------------------------------- sending

    /** RFC 5961 §7 challenge ACK, at most one per 500 ms (Linux tcp_invalid_ratelimit). */
    private void sendChallengeAck(int slot, long now) {
        layer.counters().drop(TcpDrop.CHALLENGE_ACK);
        int l = slot * LONGS;
        long last = longs[l + LAST_CHALLENGE_ACK_AT];
        if (last >= 0 && now - last < TcpConnection.CHALLENGE_ACK_INTERVAL) return;
        longs[l + LAST_CHALLENGE_ACK_AT] = now;
        layer.counters().count(TcpCounters.Event.TX_CHALLENGE_ACK);
        sendAck(slot, now);
    }

    /** &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt; with the window and options the connection would put on it. */
    private void sendAck(int slot, long now) {
        int i = slot * INTS;
        int sndNxt = ints[i + SND_NXT], rcvNxt = ints[i + RCV_NXT];
        TcpHeader h = new TcpHeader(ints[i + PORTS] >>> 16, ints[i + PORTS] & 0xffff, sndNxt, rcvNxt, TcpFlags.ACK,
                advertiseWindow(slot), 0, options(slot, now));
        layer.transmit(new Ipv4Address(ints[i + LOCAL_ADDRESS]), new Ipv4Address(ints[i + REMOTE_ADDRESS]), h, null, sndNxt, 0);
        ints[i + LAST_ACK_SENT] = rcvNxt;
        ints[i + FLAGS] &= ~(ACK_PENDING | DSACK_PENDING);
    }

    /** As TcpConnection.advertiseWindow: receiver SWS avoidance, the right edge never moving left (RFC 7323 §2.4). */
    private int advertiseWindow(int slot) {
        int i = slot * INTS;
        int rcvNxt = ints[i + RCV_NXT], rcvAdvRight = ints[i + RCV_ADV_RIGHT], shift = ints[i + RCV_SHIFT];
        int right = rcvNxt + ints[i + RCV_FREE];
        if (Seq.diff(rcvAdvRight, right) < ints[i + WINDOW_GROWTH] && Seq.ge(rcvAdvRight, rcvNxt)) right = rcvAdvRight;
        long unit = 1L << shift;
        int w = (int) Math.min((Math.max(0, Seq.diff(rcvNxt, right)) + unit - 1) >>> shift, 0xffff);
        ints[i + RCV_ADV_RIGHT] = rcvNxt + (w << shift);
        return w;
    }

    private List<TcpOption> options(int slot, long now) {
        int i = slot * INTS;
        int flags = ints[i + FLAGS];
        boolean tsOk = (flags & TS_OK) != 0;
        boolean dsack = (flags & SACK_OK) != 0 && (flags & DSACK_PENDING) != 0;
        if (!tsOk && !dsack) return List.of();
        List<TcpOption> o = new ArrayList<>(6);
        if (tsOk) {
            o.add(new TcpOption.Nop()); o.add(new TcpOption.Nop());
            o.add(new TcpOption.Timestamps(TcpConnection.tsValue(now, ints[i + TS_OFFSET]), ints[i + TS_RECENT]));
        }
        if (dsack) {                                           // RFC 2883 §4
            layer.counters().count(TcpCounters.Event.TX_DSACK);
            o.add(new TcpOption.Nop()); o.add(new TcpOption.Nop());
            o.add(new TcpOption.Sack(List.of(new TcpOption.SackBlock(ints[i + DSACK_LEFT], ints[i + DSACK_RIGHT]))));
        }
        return o;
    }

    // ---------------------------------------------------------------- slots and the 4-tuple index

    static int slotOf(long handle) { return (int) (handle & (MAX_SLOTS - 1)); }

    /** Whether the slot holds (or, ended, last held) the record of handle. */
    private boolean isRecord(int slot, long handle) {
        return handle != NO_HANDLE && slot < used && longs[slot * LONGS + SERIAL] == handle >>> SLOT_BITS;
    }

    private boolean holds(int slot, int localAddress, int ports, int remoteAddress) {
        int i = slot * INTS;
        return ints[i + LOCAL_ADDRESS] == localAddress && ints[i + PORTS] == ports && ints[i + REMOTE_ADDRESS] == remoteAddress;
    }

    private int takeSlot() {
        if (firstFree >= 0) {
            int slot = firstFree;
            firstFree = ints[slot * INTS + NEXT_FREE];
            if (firstFree < 0) lastFree = -1;
            return slot;
        }
        if (used == capacity) grow();
        return used++;
    }

    private void grow() {
        if (capacity == 0) {
            capacity = FIRST_CAPACITY;
            ints = new int[capacity * INTS];
            longs = new long[capacity * LONGS];
            index = new int[2 * capacity];
            timers = new SlotTimers(layer.simulator(), layer.hostName() + ": TIME-WAIT 2MSL", capacity, this::expire);
            return;
        }
        if (2 * capacity > MAX_SLOTS) throw new IllegalStateException("more than " + MAX_SLOTS + " connections in TIME-WAIT");
        capacity *= 2;
        ints = Arrays.copyOf(ints, capacity * INTS);
        longs = Arrays.copyOf(longs, capacity * LONGS);
        if (watchers != null) watchers = Arrays.copyOf(watchers, capacity);
        timers.grow(capacity);
        int[] old = index;
        index = new int[2 * capacity];
        int mask = index.length - 1;
        for (int e : old) {
            if (e == 0) continue;
            int i = home(e - 1, mask);
            while (index[i] != 0) i = (i + 1) & mask;
            index[i] = e;
        }
    }

    /** Indexes slot, in place of a record of the same 4-tuple if there is one (that one stays until its end). */
    private void indexPut(int slot) {
        int mask = index.length - 1;
        int at = slot * INTS;
        for (int i = home(slot, mask); ; i = (i + 1) & mask) {
            int other = index[i] - 1;
            if (other < 0) { index[i] = slot + 1; size++; return; }
            if (holds(other, ints[at + LOCAL_ADDRESS], ints[at + PORTS], ints[at + REMOTE_ADDRESS])) { index[i] = slot + 1; return; }
        }
    }

    /** Takes slot itself (not another record of its 4-tuple) out of the index. */
    private void indexRemove(int slot) {
        int mask = index.length - 1;
        int i = home(slot, mask);
        while (index[i] != 0 && index[i] != slot + 1) i = (i + 1) & mask;
        if (index[i] == 0) return;
        index[i] = 0;
        size--;
        // shift back the entries after it in the run that no longer reach their place past the gap
        for (int gap = i, j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = home(index[j] - 1, mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                index[gap] = index[j];
                index[j] = 0;
                gap = j;
            }
        }
    }

    private int home(int slot, int mask) {
        int i = slot * INTS;
        return hash(ints[i + LOCAL_ADDRESS], ints[i + PORTS], ints[i + REMOTE_ADDRESS], mask);
    }

    private static int hash(int localAddress, int ports, int remoteAddress, int mask) {
        int h = (localAddress * 31 + ports) * 31 + remoteAddress;
        h *= 0x9E3779B9;                                       // Fibonacci hashing: the high bits mix every field
        return (h ^ (h >>> 16)) & mask;
    }
}
