package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.TimerList;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpOption;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection in TIME-WAIT after its TcpConnection has left the table, as Linux's tcp_timewait_sock
 * (tcp_time_wait): the 4-tuple, the sequence and window state the answers need, TS.Recent and the 2 MSL
 * timer; no buffers, no congestion control, no application. It answers segments as the connection did
 * in TIME-WAIT (RFC 9293 §3.10.7.4, Linux tcp_timewait_state_process): the peer's FIN again is ACKed and
 * restarts 2 MSL, anything unacceptable gets an ACK, an exact RST ends it (Linux tcp_rfc1337 0, so not
 * RFC 1337), and TcpLayer lets a new SYN take the 4-tuple (RFC 6191). Its end is read by the connection
 * (state()) and by the trace, which both point here; it points at neither. Its 2 MSL run in the layer's
 * TimerList (the record is the list's entry: no Timer, event or lambda of its own).
 */
final class TimeWait extends TimerList.Entry {
    private final TcpLayer layer;
    final int localAddress, localPort, remoteAddress, remotePort;   // the 4-tuple, without a Key object of its own
    private int tsRecent, lastAckSent;                         // RFC 7323 §4.3 TS.Recent and Last.ACK.sent, as Paws
    private long tsRecentAtNanos;                              // TS.Recent's age (§5.5); -1 = never set
    private final long twoMslNanos;
    private final long rtoMillis;                              // for Linux tcp_disordered_ack
    private final boolean tsOk, sackOk;

    private final int rcvNxt;                                  // the peer's FIN included
    private int rcvAdvRight;                                   // right edge of the last advertised window
    private final int rcvFree;                                 // the receive window's room, frozen as Linux tw_rcv_wnd
    private final int rcvShift;
    private final int windowGrowth;                            // RFC 9293 §3.8.6.2.2: least growth worth advertising
    private final int sndNxt;                                  // SND.NXT = SND.UNA: our FIN is acknowledged
    private final int ackableEnd;                              // highest acceptable SEG.ACK (sndMax or a probe's end)
    private final int sndShift;
    private int sndWnd, sndWl1, sndWl2, maxSndWnd;

    private boolean ackPending;
    private boolean dsackPending;                              // RFC 2883: report [dsackLeft, dsackRight) once
    private int dsackLeft, dsackRight;
    private long lastChallengeAckAt;

    private long endedAt = -1;
    private String endCause;

    /** The receive side as the connection leaves it: RCV.NXT, the advertised edge and what decides the window. */
    record Receive(int rcvNxt, int rcvAdvRight, int free, int shift, int windowGrowth) {}

    /** The send side: SND.NXT (= SND.UNA), the highest acceptable ACK, the peer's window and its update markers. */
    record Send(int sndNxt, int ackableEnd, int shift, int sndWnd, int sndWl1, int sndWl2, int maxSndWnd) {}

    TimeWait(TcpLayer layer, TcpLayer.Key key, Receive r, Send s, Paws paws, boolean tsOk, boolean sackOk,
             long expiresAt, long twoMslNanos, long rtoNanos, long lastChallengeAckAt) {
        this.layer = layer;
        this.localAddress = key.localAddress();
        this.localPort = key.localPort();
        this.remoteAddress = key.remoteAddress();
        this.remotePort = key.remotePort();
        this.tsRecent = paws.tsRecent();
        this.tsRecentAtNanos = paws.tsRecentAtNanos();
        this.lastAckSent = paws.lastAckSent();
        this.tsOk = tsOk;
        this.sackOk = sackOk;
        this.twoMslNanos = twoMslNanos;
        this.rtoMillis = rtoNanos / SimTime.MS;
        this.lastChallengeAckAt = lastChallengeAckAt;
        this.rcvNxt = r.rcvNxt();
        this.rcvAdvRight = r.rcvAdvRight();
        this.rcvFree = r.free();
        this.rcvShift = r.shift();
        this.windowGrowth = r.windowGrowth();
        this.sndNxt = s.sndNxt();
        this.ackableEnd = s.ackableEnd();
        this.sndShift = s.shift();
        this.sndWnd = s.sndWnd();
        this.sndWl1 = s.sndWl1();
        this.sndWl2 = s.sndWl2();
        this.maxSndWnd = s.maxSndWnd();
        layer.timeWaitTimers().setDeadline(this, expiresAt);
    }

    TcpState state() { return endedAt < 0 ? TcpState.TIME_WAIT : TcpState.CLOSED; }
    boolean holds(int localAddress, int localPort, int remoteAddress, int remotePort) {
        return this.localAddress == localAddress && this.localPort == localPort && this.remoteAddress == remoteAddress
                && this.remotePort == remotePort;
    }
    boolean ended() { return endedAt >= 0; }
    long endedAt() { return endedAt; }
    String endCause() { return endCause; }
    /** When 2 MSL run out, unless a segment restarts them. */
    long expiresAt() { return deadline(); }

    // ---------------------------------------------------------------- SEGMENT ARRIVES in TIME-WAIT

    void onSegment(TcpHeader seg, int len, long now) {
        process(seg, len, now);
        if (ackPending && !ended()) sendAck(now);
    }

    /** RFC 9293 §3.10.7.4 in TIME-WAIT, step by step as TcpConnection.segmentArrivesOtherState. */
    private void process(TcpHeader seg, int len, long now) {
        int seq = seg.seq();
        boolean syn = seg.syn();
        boolean fin = seg.fin();
        int rcvWnd = Math.max(0, Seq.diff(rcvNxt, rcvAdvRight));
        if (syn && Seq.lt(seq, rcvNxt)) { syn = false; seq++; ackPending = true; }   // a duplicate SYN, as BSD
        TcpOption.Timestamps ts = seg.timestamps();
        // RFC 7323 §5.3 R1 (PAWS) before the sequence check; an RST is exempt
        if (tsOk && !seg.rst() && ts != null && Paws.rejects(tsRecent, tsRecentAtNanos, ts.value(), now) && !disorderedAck(seg, len)) {
            if (syn) sendChallengeAck(now);
            else ackPending = true;
            layer.counters().drop(TcpDrop.PAWS_REJECTED);
            return;
        }
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (!acceptable(seq, segLen, rcvWnd)) {
            if (!seg.rst()) {
                if (fin) restart2Msl(now);                    // the peer's FIN again: our ACK was lost
                ackPending = true;                             // "an acknowledgment should be sent in reply"
            }
            layer.counters().drop(TcpDrop.UNACCEPTABLE_SEQ);
            if (len > 0) layer.counters().count(TcpCounters.Event.RX_DUPLICATE);
            if (len > 0 && Seq.le(seq + len, rcvNxt)) reportDuplicate(seq, seq + len);
            return;
        }
        if (seg.rst()) {                                       // RFC 5961 §3.2: exact match, else challenge ACK
            if (seq != rcvNxt) { sendChallengeAck(now); return; }
            layer.counters().count(TcpCounters.Event.RESETS_RECEIVED);
            end("connection reset by peer", now);
            return;
        }
        if (Seq.lt(seq, rcvNxt)) {                             // old data, or the old FIN, before RCV.NXT
            int cut = Math.min(Seq.diff(seq, rcvNxt), len);
            reportDuplicate(seq, seq + cut);
            len -= cut;
            seq += cut;
            if (cut > 0) { layer.counters().count(TcpCounters.Event.RX_DUPLICATE); ackPending = true; }
            if (Seq.lt(seq, rcvNxt)) {
                restart2Msl(now);
                fin = false;
                seq = rcvNxt;
                ackPending = true;
            }
        }
        int right = rcvNxt + Math.max(rcvWnd, rcvFree);
        if (Seq.gt(seq + len, right)) {
            len = Math.max(0, Seq.diff(seq, right));
            fin = false;
            layer.counters().drop(TcpDrop.OUT_OF_BUFFER);
            ackPending = true;
        }
        if (tsOk && ts != null && Paws.replaces(tsRecent, tsRecentAtNanos, lastAckSent, seg.seq(), ts.value(), now)) {
            tsRecent = ts.value();
            tsRecentAtNanos = now;
        }
        if (syn) { sendChallengeAck(now); return; }           // RFC 5961 §4
        if (!seg.isAck()) { layer.counters().drop(TcpDrop.NO_ACK_BIT); return; }
        int ack = seg.ack();
        if (Seq.gt(ack, ackableEnd) || Seq.lt(ack, sndNxt - Math.max(maxSndWnd, 1))) {   // RFC 5961 §5.2
            ackPending = true;
            layer.counters().drop(TcpDrop.UNACCEPTABLE_ACK);
            return;
        }
        if (Seq.lt(sndWl1, seq) || (sndWl1 == seq && Seq.le(sndWl2, ack))) {   // RFC 9293 §3.10.7.4 fifth
            sndWnd = seg.window() << sndShift;
            sndWl1 = seq;
            sndWl2 = ack;
            maxSndWnd = Math.max(maxSndWnd, sndWnd);
        }
        if (fin && rcvNxt != seq + len) ackPending = true;   // data in TIME-WAIT is not taken
    }

    /** Linux tcp_disordered_ack, as TcpConnection: a pure duplicate ACK lagging TS.Recent by under one RTO passes PAWS. */
    private boolean disorderedAck(TcpHeader seg, int len) {
        return seg.isAck() && len == 0 && !seg.syn() && !seg.fin() && seg.seq() == rcvNxt && seg.ack() == sndNxt
                && (seg.window() << sndShift) == sndWnd && !Seq.gt(seg.seq(), sndWl1)
                && Paws.lag(tsRecent, seg.timestamps().value()) <= rtoMillis;
    }

    /** RFC 9293 §3.10.7.4 first: the four cases of segment acceptability. */
    private boolean acceptable(int seq, int segLen, int rcvWnd) {
        if (segLen == 0) return rcvWnd == 0 ? seq == rcvNxt : Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd);
        if (rcvWnd == 0) return false;
        return Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd) || Seq.inRange(seq + segLen - 1, rcvNxt, rcvNxt + rcvWnd);
    }

    private void reportDuplicate(int left, int right) {
        if (!sackOk || !Seq.lt(left, right)) return;
        dsackPending = true;
        dsackLeft = left;
        dsackRight = right;
    }

    /**
     * RFC 6191 §2 as Linux tcp_timewait_state_process: a SYN (no ACK, no RST) that passes PAWS may open a
     * new incarnation if its sequence number is above RCV.NXT or its TSval above TS.Recent.
     */
    boolean acceptsNewSyn(TcpHeader syn, long now) {
        if (ended() || !syn.syn() || syn.isAck() || syn.rst()) return false;
        TcpOption.Timestamps ts = tsOk ? syn.timestamps() : null;
        if (ts != null && Paws.rejects(tsRecent, tsRecentAtNanos, ts.value(), now)) return false;
        return Seq.gt(syn.seq(), rcvNxt) || (ts != null && ts.value() - tsRecent > 0);
    }

    /** Linux: the new incarnation's ISN is the old SND.NXT + 65537 (never 0), above anything the old one sent. */
    int successorIss() {
        int next = sndNxt + 65535 + 2;
        return next == 0 ? 1 : next;
    }

    /** A new SYN reuses the 4-tuple (RFC 6191). */
    void endForNewSyn(long now) {
        layer.counters().count(TcpCounters.Event.TIME_WAIT_REUSED);
        end("new SYN reuses the 4-tuple (RFC 6191)", now);
    }

    /** The application aborted the socket whose TIME-WAIT this is: the 4-tuple is free at once, nothing is sent. */
    void abort(long now) { if (!ended()) end("aborted", now); }

    /** RFC 1122 §4.2.3.9 leaves TIME-WAIT to the implementation; Linux ignores ICMP errors there. */
    void onIcmpError() { layer.counters().drop(TcpDrop.ICMP_IGNORED); }

    void expire(long now) {
        layer.counters().count(TcpCounters.Event.TIME_WAIT_EXPIRED);
        end("2MSL expired", now);
    }

    private void restart2Msl(long now) { layer.timeWaitTimers().setDeadline(this, now + twoMslNanos); }   // RFC 9293 §3.10.7.4

    private void end(String cause, long now) {
        layer.timeWaitTimers().cancel(this);
        endedAt = now;
        endCause = cause;
        layer.removeTimeWait(this);
    }

    // ---------------------------------------------------------------- sending

    /** RFC 5961 §7 challenge ACK, at most one per 500 ms (Linux tcp_invalid_ratelimit). */
    private void sendChallengeAck(long now) {
        layer.counters().drop(TcpDrop.CHALLENGE_ACK);
        if (lastChallengeAckAt >= 0 && now - lastChallengeAckAt < TcpConnection.CHALLENGE_ACK_INTERVAL) return;
        lastChallengeAckAt = now;
        layer.counters().count(TcpCounters.Event.TX_CHALLENGE_ACK);
        sendAck(now);
    }

    /** &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;&lt;CTL=ACK&gt; with the window and options the connection would put on it. */
    private void sendAck(long now) {
        TcpHeader h = new TcpHeader(localPort, remotePort, sndNxt, rcvNxt, TcpFlags.ACK, advertiseWindow(), 0,
                options(now));
        layer.transmit(new Ipv4Address(localAddress), new Ipv4Address(remoteAddress), h, null, sndNxt, 0);
        lastAckSent = rcvNxt;
        ackPending = false;
        dsackPending = false;
    }

    /** As TcpConnection.advertiseWindow: receiver SWS avoidance, the right edge never moving left (RFC 7323 §2.4). */
    private int advertiseWindow() {
        int right = rcvNxt + rcvFree;
        if (Seq.diff(rcvAdvRight, right) < windowGrowth && Seq.ge(rcvAdvRight, rcvNxt)) right = rcvAdvRight;
        long unit = 1L << rcvShift;
        int w = (int) Math.min((Math.max(0, Seq.diff(rcvNxt, right)) + unit - 1) >>> rcvShift, 0xffff);
        rcvAdvRight = rcvNxt + (w << rcvShift);
        return w;
    }

    private List<TcpOption> options(long now) {
        boolean dsack = sackOk && dsackPending;
        if (!tsOk && !dsack) return List.of();
        List<TcpOption> o = new ArrayList<>(6);
        if (tsOk) {
            o.add(new TcpOption.Nop()); o.add(new TcpOption.Nop());
            o.add(new TcpOption.Timestamps(TcpConnection.tsValue(now), tsRecent));
        }
        if (dsack) {                                           // RFC 2883 §4
            layer.counters().count(TcpCounters.Event.TX_DSACK);
            o.add(new TcpOption.Nop()); o.add(new TcpOption.Nop());
            o.add(new TcpOption.Sack(List.of(new TcpOption.SackBlock(dsackLeft, dsackRight))));
        }
        return o;
    }

    @Override public String toString() {
        return "time-wait " + new Ipv4Address(localAddress) + ":" + localPort + " > "
                + new Ipv4Address(remoteAddress) + ":" + remotePort + " " + state();
    }
}
