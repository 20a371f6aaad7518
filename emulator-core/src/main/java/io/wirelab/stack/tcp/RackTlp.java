package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.Seq;

/**
 * RACK-TLP loss detection (RFC 8985) as Linux runs it (net/ipv4/tcp_recovery.c with tcp_recovery = 1;
 * tcp_output.c:tcp_schedule_loss_probe with tcp_early_retrans = 3). RACK deems a segment lost once a
 * segment sent after it has been delivered and more than RACK.rtt + reo_wnd has passed since it left;
 * the tail loss probe (TLP) makes the receiver SACK something when the last segments of a flight are lost.
 * Positions and segment state live in the {@link SackScoreboard}; this class holds RACK's and TLP's state.
 */
final class RackTlp implements SackScoreboard.DeliveryListener {
    static final long TLP_SINGLE_SEGMENT_EXTRA = SimTime.millis(200);   // Linux TCP_RTO_MIN: peer's delayed ACK
    static final long TIMEOUT_MIN = SimTime.millis(2);                  // Linux TCP_TIMEOUT_MIN, 2 jiffies
    static final long PTO_WITHOUT_RTT = SimTime.seconds(1);             // Linux TCP_TIMEOUT_INIT
    static final int RECOVERY_THRESH = 16;                              // Linux TCP_RACK_RECOVERY_THRESH

    /** What an ACK said about an outstanding loss probe (Linux tcp_process_tlp_ack). */
    enum ProbeOutcome { NONE, REPAIRED_LOSS }

    // RFC 8985 §6.1: the most recently sent segment that has been delivered, and its RTT
    private long xmitTs = -1;
    private int endSeq;
    private long rtt;
    private long minRtt = Long.MAX_VALUE;
    private long now;
    private long newestDeliveredSentAt;                        // this ACK, never-retransmitted segments only
    private boolean originalDelivered;                         // this ACK delivered a never-retransmitted segment
    private int lowestOriginalEnd;                             // ... and the lowest end of one

    // RFC 8985 §6.2 step 4: reordering window in units of min_rtt / 4, widened by D-SACKs
    private int reoWndSteps = 1;
    private int reoWndPersist;
    private boolean dsackSeen;
    private long lastReoAdjustAt = Long.MIN_VALUE / 2;

    // RFC 8985 §7: at most one probe outstanding
    private boolean probeOutstanding;
    private int tlpHighSeq;
    private boolean tlpRetrans;

    /** An RTT sample from the connection's estimator (RFC 6298 measurements) keeps min_rtt. */
    void onRttSample(long r) { if (r > 0 && r < minRtt) minRtt = r; }

    long minRtt() { return minRtt == Long.MAX_VALUE ? 0 : minRtt; }
    long rtt() { return rtt; }
    int reoWndSteps() { return reoWndSteps; }

    /** Sets the time of the ACK being processed; deliveries reported by the scoreboard use it. */
    void beginAck(long nowNanos) { now = nowNanos; newestDeliveredSentAt = -1; originalDelivered = false; }

    /** This ACK delivered a never-retransmitted segment ending at or before seq (Linux FLAG_ORIG_SACK_ACKED). */
    boolean originalDeliveredBy(int seq) { return originalDelivered && Seq.le(lowestOriginalEnd, seq); }

    /**
     * The RTT of the most recently sent segment this ACK delivered that was never retransmitted (Karn),
     * or -1: one sample per ACK, as Linux's ca_rtt_us that CUBIC's HyStart reads.
     */
    long ackRtt() { return newestDeliveredSentAt < 0 ? -1 : now - newestDeliveredSentAt; }

    /** RFC 8985 §6.2 step 2 (Linux tcp_rack_advance). */
    @Override public void delivered(long sentAt, int segEnd, boolean retransmitted) {
        long r = now - sentAt;
        if (!retransmitted) {
            newestDeliveredSentAt = Math.max(newestDeliveredSentAt, sentAt);
            if (!originalDelivered || Seq.lt(segEnd, lowestOriginalEnd)) lowestOriginalEnd = segEnd;
            originalDelivered = true;
        }
        // an ambiguous sample from a retransmitted segment shorter than min_rtt was the original's
        if (retransmitted && r < minRtt()) return;
        if (xmitTs < 0 || sentAfter(sentAt, segEnd, xmitTs, endSeq)) {
            rtt = r;
            xmitTs = sentAt;
            endSeq = segEnd;
        }
    }

    /** RFC 8985 §6.2 step 3 / RFC 2883: a D-SACK arrived; widen the window once per round trip. */
    void onDsack() { dsackSeen = true; }

    /**
     * Linux tcp_rack_update_reo_wnd: a D-SACK seen widens reo_wnd by one step (persisting for 16 recoveries),
     * else it returns to one step once the persistence has run out.
     */
    void updateReoWnd(long srtt) {
        if (dsackSeen) {
            if (now - lastReoAdjustAt >= srtt) {
                reoWndSteps = Math.min(0xff, reoWndSteps + 1);
                reoWndPersist = RECOVERY_THRESH;
                lastReoAdjustAt = now;
            }
            dsackSeen = false;
        } else if (reoWndPersist == 0) {
            reoWndSteps = 1;
        }
    }

    /** A recovery episode ended (Linux tcp_try_undo_recovery). */
    void onRecoveryEnd() { if (reoWndPersist > 0) reoWndPersist--; }

    /**
     * RFC 8985 §6.2 step 4 (Linux tcp_rack_reo_wnd): 0 while no reordering has been seen and the sender is
     * in recovery or DupThresh segments are SACKed; else min(min_rtt / 4 × steps, SRTT).
     */
    long reoWnd(boolean reorderingSeen, boolean inRecovery, boolean dupThreshSacked, long srtt) {
        if (!reorderingSeen && (inRecovery || dupThreshSacked)) return 0;
        return Math.min(minRtt() / 4 * reoWndSteps, srtt);
    }

    /**
     * RFC 8985 §6.2 step 5 (Linux tcp_rack_detect_loss): walks unsacked segments from the oldest
     * transmission and marks lost each one sent before RACK.segment whose time is up. Returns the delay
     * after which the next one's time will be up (the reordering timer), or 0.
     */
    long detectLoss(SackScoreboard sb, long nowNanos, long reoWnd) {
        if (xmitTs < 0) return 0;
        long timeout = 0;
        long p = sb.oldestSent();
        while (p != SackScoreboard.NONE) {
            long next = sb.nextSent(p);
            if (!sentAfter(xmitTs, endSeq, sb.sentAt(p), sb.endSeq(p))) break;
            long remaining = sb.sentAt(p) + rtt + reoWnd - nowNanos;
            if (remaining <= 0) sb.markLost(p);
            else timeout = Math.max(timeout, remaining);
            p = next;
        }
        return timeout;
    }

    /** RFC 8985 §6.3: when the reordering timer fires, detect again; the caller arms TIMEOUT_MIN later. */
    static long reorderTimerDelay(long remaining) { return remaining + TIMEOUT_MIN; }

    // ------------------------------------------------------------ tail loss probe (RFC 8985 §7)

    /**
     * RFC 8985 §7.2 as Linux tcp_schedule_loss_probe: PTO = 2·SRTT + (200 ms with one segment out, else
     * 2 ms), 1 s without an RTT sample, and never later than the RTO would fire (rtoRemaining).
     */
    static long probeTimeout(long srtt, int segmentsOut, long rtoRemaining) {
        long pto = srtt == 0 ? PTO_WITHOUT_RTT : 2 * srtt + (segmentsOut == 1 ? TLP_SINGLE_SEGMENT_EXTRA : TIMEOUT_MIN);
        return rtoRemaining > 0 ? Math.min(pto, rtoRemaining) : pto;
    }

    boolean probeOutstanding() { return probeOutstanding; }

    /** RFC 8985 §7.3: a probe left; sndNxt is recorded so its ACK can be recognised. */
    void onProbeSent(int sndNxt, boolean retransmission) {
        probeOutstanding = true;
        tlpHighSeq = sndNxt;
        tlpRetrans = retransmission;
    }

    /** Recovery or the RTO took over; the probe no longer matters (Linux tcp_init_cwnd_reduction). */
    void cancelProbe() { probeOutstanding = false; }

    /**
     * RFC 8985 §7.4 (Linux tcp_process_tlp_ack): an ACK beyond the probe's sequence number after a
     * retransmitted probe means the probe repaired a loss, so the caller reduces cwnd once. A D-SACK or a
     * pure duplicate ACK means both copies arrived: no loss.
     */
    ProbeOutcome onAck(int ack, boolean dsack, boolean duplicate) {
        if (!probeOutstanding || Seq.lt(ack, tlpHighSeq)) return ProbeOutcome.NONE;
        if (!tlpRetrans || dsack) { probeOutstanding = false; return ProbeOutcome.NONE; }
        if (Seq.gt(ack, tlpHighSeq)) { probeOutstanding = false; return ProbeOutcome.REPAIRED_LOSS; }
        if (duplicate) probeOutstanding = false;
        return ProbeOutcome.NONE;
    }

    /** RFC 8985 §6.2 RACK_sent_after: by time, ties broken by sequence. */
    static boolean sentAfter(long t1, int seq1, long t2, int seq2) {
        return t1 > t2 || (t1 == t2 && Seq.gt(seq1, seq2));
    }
}
