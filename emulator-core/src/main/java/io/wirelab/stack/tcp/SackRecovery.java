package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpOption.SackBlock;

import java.util.List;

/**
 * SACK-based loss recovery as Linux runs it (net/ipv4/tcp_input.c:tcp_fastretrans_alert with tcp_recovery = 1):
 * RACK-TLP (RFC 8985) decides what is lost, recovery sends lost segments first (RFC 6675 §5 NextSeg rule 1)
 * within cwnd − pipe, and PRR (RFC 6937) sets cwnd on each ACK until RecoveryPoint is acknowledged.
 * The connection uses it only when both ends agreed SACK (RFC 2018 §2); without SACK it only records
 * segments, so an ACK still yields a per-ACK RTT sample for CUBIC's HyStart, and NewReno recovers.
 * The congestion controller is asked only for ssthresh (Linux ca_ops->ssthresh) and for growth outside recovery.
 */
final class SackRecovery {
    static final long NEVER = TcpTimers.NEVER;

    /** What the recovery timer asks of the connection. */
    enum TimerAction { NONE, SEND, PROBE }

    private final SackScoreboard board = new SackScoreboard();
    private final RackTlp rack = new RackTlp();
    private final Prr prr = new Prr();
    private final CongestionControl cc;
    private final TcpCounters counters;
    private final LossUndo undo = new LossUndo();
    private final int tsOffset;            // the connection's, so the undo stamp is a TSval it sends (TcpLayer.tsOffset)
    private boolean sack;
    private int smss = 1;
    private boolean recovering;            // Linux TCP_CA_Recovery
    private boolean afterTimeout;          // Linux TCP_CA_Loss: an RTO, until RecoveryPoint is acknowledged
    private int recoveryPoint;             // RFC 6675 RecoveryPoint (Linux high_seq)
    private long reorderAt = NEVER;        // RFC 8985 §6.3 reordering timer
    private long probeAt = NEVER;          // RFC 8985 §7.2 PTO
    private Frto frto = Frto.OFF;          // RFC 5682 after an RTO (Linux tp->frto, tcp_frto 2)
    private int frtoHighSeq;               // SND.NXT when F-RTO sent new data (Linux high_seq)

    /** RFC 5682 §3.1 (SACK-enhanced, §4): where F-RTO stands after a timeout. */
    enum Frto { OFF, AWAIT_FIRST_ACK, NEW_DATA, AWAIT_SECOND_ACK }

    SackRecovery(CongestionControl cc, TcpCounters counters, int tsOffset) {
        this.cc = cc;
        this.counters = counters;
        this.tsOffset = tsOffset;
    }

    void init(boolean sackAgreed, int smss) {
        this.sack = sackAgreed;
        this.smss = smss;
    }

    boolean active() { return sack; }
    boolean recovering() { return recovering; }
    long pipe() { return board.pipe(); }
    SackScoreboard scoreboard() { return board; }

    /** [seq, end) (a FIN counts one) left at time now; what lies before sndMax is a retransmission. */
    void onSent(int seq, int end, int sndMax, long now) {
        if (Seq.lt(seq, sndMax)) {
            board.onRetransmitRange(seq, Seq.min(end, sndMax), now);
            undo.onRetransmit(TcpConnection.tsValue(now, tsOffset));
        }
        if (Seq.gt(end, sndMax)) board.onSend(Seq.max(seq, sndMax), Seq.diff(Seq.max(seq, sndMax), end), now);
        if (recovering) prr.onSent(Seq.diff(seq, end));
    }

    /** A new FIN at seq rides on the last segment, still unsent (Linux tcp_send_fin): one segment out, not two. */
    void onFinJoined(int seq, int sndMax, long now) {
        if (seq != sndMax || !board.extendLast(seq)) onSent(seq, seq + 1, sndMax, now);
        else if (recovering) prr.onSent(1);
    }

    /**
     * One acceptable ACK (RFC 6675 §5, RFC 8985 §6.2, RFC 6937 §3). flight is SND.MAX − SND.UNA before it;
     * tsEcr its TSecr (0 without timestamps). Returns true when it starts fast recovery. Without SACK only
     * the scoreboard and the RTT sample move.
     */
    boolean onAck(int ack, List<SackBlock> blocks, boolean advanced, long flight, boolean cwndLimited,
                  boolean duplicate, int tsEcr, int sndMax, long srtt, long now) {
        rack.beginAck(now);
        if (frto == Frto.NEW_DATA) frto = Frto.AWAIT_SECOND_ACK;
        long delivered = board.onAck(ack, sack ? blocks : List.of(), rack);
        long rtt = rack.ackRtt();
        if (rtt >= 0) {
            rack.onRttSample(rtt);
            cc.onRttSample(rtt, ack, sndMax, now);
        }
        if (!sack) return false;
        boolean dsack = board.lastAckHadDsack();
        if (dsack) {
            counters.count(TcpCounters.Event.RX_DSACK);
            rack.onDsack();
            undo.onDsack(blocks.getFirst().right());
        }
        rack.updateReoWnd(srtt);
        if (afterTimeout && afterTimeoutAck(advanced, duplicate, tsEcr, sndMax)) return false;
        if (rack.onAck(ack, dsack, duplicate && delivered == 0) == RackTlp.ProbeOutcome.REPAIRED_LOSS && !recovering && !afterTimeout) {
            long ssthresh = cc.reduceSsthresh(flight);         // RFC 8985 §7.4: the probe repaired a loss
            cc.restart(Math.min(cc.cwnd(), ssthresh), ssthresh);
        }
        long marks = board.lossMarks();
        detectLoss(srtt, now);
        boolean newlyLost = board.lossMarks() != marks;
        if (afterTimeout && Seq.ge(ack, recoveryPoint)) {     // the timeout's losses are repaired
            afterTimeout = false;
            frto = Frto.OFF;
            undo.endEpisode();
        }
        if (recovering && Seq.ge(ack, recoveryPoint)) {       // RFC 6675 §5: RecoveryPoint acknowledged
            recovering = false;
            rack.onRecoveryEnd();
            if (undo.mayUndo(tsEcr)) undoReduction(false);     // Linux tcp_try_undo_recovery
            else cc.restart(cc.ssthresh(), cc.ssthresh());     // RFC 6937 §3: cwnd = ssthresh at the end
            undo.endEpisode();
        } else if (!recovering && !afterTimeout && dsack && undo.allDsacked()) {
            undoReduction(false);                              // Linux tcp_try_undo_dsack when Open again
        } else if (recovering && (undo.allDsacked() || (advanced && undo.packetDelayed(tsEcr) && board.retransBytes() == 0))) {
            boolean dsacked = undo.allDsacked();               // Linux tcp_try_undo_dsack, else tcp_try_undo_partial
            recovering = false;
            rack.onRecoveryEnd();
            undoReduction(!dsacked);
        }
        boolean entered = false;
        if (!recovering && !afterTimeout && newlyLost) {
            enterRecovery(flight, sndMax);
            entered = true;
        }
        if (recovering) {
            long cwnd = prr.onAck(delivered, newlyLost, advanced, board.pipe(), smss);
            if (cwnd >= 0) cc.restart(cwnd, cc.ssthresh());
        } else if (advanced) {
            cc.onNewAck(ack, delivered, flight, cwndLimited, now);   // Linux tcp_cong_avoid(acked_sacked)
        }
        return entered;
    }

    private void detectLoss(long srtt, long now) {
        boolean dupThresh = !board.isEmpty() && board.isLost(board.firstSeq(), smss);   // RFC 6675 IsLost(SND.UNA)
        long reo = rack.reoWnd(board.reorderingSeen(), recovering || afterTimeout, dupThresh, srtt);
        long remaining = rack.detectLoss(board, now, reo);
        reorderAt = remaining > 0 ? now + RackTlp.reorderTimerDelay(remaining) : NEVER;
    }

    /**
     * After an RTO (Linux TCP_CA_Loss, tcp_process_loss): undo when the ACK shows the timeout spurious by
     * D-SACK or timestamps (tcp_try_undo_loss), else F-RTO (RFC 5682 §3.1 with SACK, §4): the first ACK
     * advancing SND.UNA lets new data go instead of retransmissions; if the next ACK then delivers data
     * sent before the timeout and never retransmitted, the timeout was spurious and is undone (step 3b);
     * SACKed or duplicate ACKs mean the loss was real (step 3a). Returns true when the timeout was undone.
     */
    private boolean afterTimeoutAck(boolean advanced, boolean duplicate, int tsEcr, int sndMax) {
        if (advanced && undo.mayUndo(tsEcr)) { undoTimeout(false); return true; }
        if (frto == Frto.OFF) return false;
        // Linux FLAG_ORIG_SACK_ACKED: data up to high_seq never retransmitted was (S)ACKed, so not all was lost
        if (rack.originalDeliveredBy(frto == Frto.AWAIT_FIRST_ACK ? recoveryPoint : frtoHighSeq)) {
            undoTimeout(true);
            return true;
        }
        if (frto == Frto.AWAIT_SECOND_ACK) {
            if (duplicate || board.lastAckSacked()) frto = Frto.OFF;   // step 3a: the loss was real
        } else if (advanced) {
            frto = Frto.NEW_DATA;                              // step 2b
            frtoHighSeq = sndMax;
        }
        return false;
    }

    /** RFC 5682 §3.1 step 2b: new data goes before retransmissions on this ACK. */
    boolean newDataFirst() { return frto == Frto.NEW_DATA; }

    /** Step 2b found no new data to send or no window for it: conventional recovery (Linux tp->frto = 0). */
    void noNewDataForFrto() { if (frto == Frto.NEW_DATA) frto = Frto.OFF; }

    private void undoTimeout(boolean frtoDetected) {
        if (frtoDetected) counters.count(TcpCounters.Event.SPURIOUS_RTO);
        afterTimeout = false;
        frto = Frto.OFF;
        undoReduction(true);
    }

    /** Linux tcp_undo_cwnd_reduction: cwnd and ssthresh as before the episode; after an RTO no segment is lost. */
    private void undoReduction(boolean unmarkLoss) {
        counters.count(TcpCounters.Event.CWND_UNDO);
        undo.undo(cc);
        if (unmarkLoss) board.clearLostMarks();
    }

    /** RFC 6675 §5 (4): fast recovery starts; ssthresh from the congestion controller, cwnd from PRR. */
    private void enterRecovery(long flight, int sndMax) {
        recovering = true;
        recoveryPoint = sndMax;
        rack.cancelProbe();
        probeAt = NEVER;
        long priorCwnd = cc.cwnd();
        undo.start(board.firstSeq(), priorCwnd, cc.ssthresh());
        prr.start(priorCwnd, cc.reduceSsthresh(flight));
    }

    /**
     * RFC 1191 / Linux tcp_simple_retransmit: the path MTU fell, so what is in flight was dropped as too
     * big; the range is recorded again in segments of the new size, all lost, to be resent within cwnd.
     */
    void onMssReduced(int sndUna, int sndMax, int newSmss, long now) {
        smss = newSmss;
        board.clear();
        for (int seq = sndUna; Seq.lt(seq, sndMax); seq += Math.min(newSmss, Seq.diff(seq, sndMax))) {
            board.onSend(seq, Math.min(newSmss, Seq.diff(seq, sndMax)), now);
            board.markLost(board.last());
        }
    }

    /** RFC 6675 §4 NextSeg rule (1): a lost segment to resend now, if cwnd − pipe leaves a segment's room. */
    long nextRetransmission(long cwnd) {
        if (!sack || frto == Frto.NEW_DATA || cwnd - board.pipe() < smss) return SackScoreboard.NONE;
        return board.nextLost();
    }

    /** Room cwnd leaves for new data (RFC 6675 §5 (C)): cwnd − pipe. */
    long room(long cwnd) { return cwnd - board.pipe(); }

    /**
     * RFC 6675 §5.1 / RFC 8985 §6.3: the RTO fired; everything unsacked is lost. cwnd and ssthresh from before
     * (the connection has already reduced them) are kept for an undo; F-RTO starts on the first timeout.
     */
    void onRetransmitTimeout(int sndMax, long priorCwnd, long priorSsthresh) {
        if (!sack) return;
        if (!afterTimeout) {
            if (!recovering) undo.start(board.firstSeq(), priorCwnd, priorSsthresh);   // Linux tcp_enter_loss
            frto = Frto.AWAIT_FIRST_ACK;
        } else {
            frto = Frto.OFF;                                   // RFC 5682 §3.1: a second timeout, conventional
        }
        board.markAllLost();
        afterTimeout = true;
        recovering = false;
        recoveryPoint = sndMax;
        rack.cancelProbe();
        reorderAt = probeAt = NEVER;
    }

    /**
     * RFC 8985 §7.2 (Linux tcp_schedule_loss_probe): after new data left or an ACK arrived, in the open
     * state with data out and no reordering timer pending, the probe is due PTO from now.
     */
    void scheduleProbe(long srtt, long rtoAt, long now) {
        if (!sack || board.isEmpty() || recovering || afterTimeout || reorderAt != NEVER || rack.probeOutstanding()) {
            probeAt = NEVER;
            return;
        }
        probeAt = now + RackTlp.probeTimeout(srtt, board.segments(), rtoAt == NEVER ? 0 : rtoAt - now);
    }

    long timerAt() { return Math.min(reorderAt, probeAt); }

    /** The recovery timer fired: the reordering timer re-runs RACK; the probe timer asks for a probe. */
    TimerAction onTimer(long flight, int sndMax, long srtt, long now) {
        if (reorderAt <= now) {
            reorderAt = NEVER;
            long marks = board.lossMarks();
            detectLoss(srtt, now);
            if (board.lossMarks() == marks) return TimerAction.NONE;
            if (!recovering && !afterTimeout) {
                enterRecovery(flight, sndMax);
                cc.restart(prr.onAck(smss, true, false, board.pipe(), smss), cc.ssthresh());   // Linux: one segment
            }
            return TimerAction.SEND;
        }
        if (probeAt <= now) {
            probeAt = NEVER;
            return TimerAction.PROBE;
        }
        return TimerAction.NONE;
    }

    /** RFC 8985 §7.3: the probe left; sndNxt after it tells which ACK answers it. */
    void onProbeSent(int sndNxt, boolean retransmission) { rack.onProbeSent(sndNxt, retransmission); }
}
