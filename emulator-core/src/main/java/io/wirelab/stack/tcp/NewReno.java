package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;

/**
 * Slow start and congestion avoidance (RFC 5681 §3.1), fast retransmit / fast recovery with the
 * NewReno modification (RFC 6582 §3.2). Initial window per RFC 6928, configurable.
 * Subclasses change how the window grows and falls ({@link Cubic}) or when recovery ends ({@link Reno}).
 */
class NewReno implements CongestionControl {
    static final int DUP_ACK_THRESHOLD = 3;                 // RFC 5681 §3.2

    int smss;
    long cwnd;
    long ssthresh;
    private long bytesAckedInCa;
    private boolean inRecovery;
    private int recover;
    private boolean recoverValid;

    @Override public void init(int smss, int initialWindowSegments) {
        this.smss = smss;
        this.cwnd = initialWindowSegments * smss;           // RFC 6928 §2 (IW10), or 1-2 segments (RFC 5681 §3.1)
        this.ssthresh = Integer.MAX_VALUE;                  // RFC 5681 §3.1: "arbitrarily high" (Linux TCP_INFINITE_SSTHRESH)
    }

    @Override public long cwnd() { return cwnd; }
    @Override public long ssthresh() { return ssthresh; }
    @Override public boolean inRecovery() { return inRecovery; }

    @Override public Action onNewAck(int ack, long ackedBytes, long flight, boolean cwndLimited, long now) {
        if (inRecovery) {
            if (endsRecovery(ack)) {                        // RFC 6582 §3.2 step 3, full acknowledgment
                inRecovery = false;
                cwnd = cwndAfterRecovery(flight, ackedBytes);
                return Action.NONE;
            }
            // RFC 6582 §3.2 step 3, partial acknowledgment: retransmit, deflate by the amount acked, add one SMSS
            cwnd = Math.max(smss, cwnd - ackedBytes + (ackedBytes >= smss ? smss : 0));
            return Action.RETRANSMIT_FIRST_UNACKED;
        }
        if (!cwndLimited) return Action.NONE;              // RFC 7661 §4.3: no growth while the window is not used
        grow(ackedBytes, now);
        return Action.NONE;
    }

    /** RFC 6582 §3.2 step 3: an ACK covering recover ends fast recovery. */
    boolean endsRecovery(int ack) { return Seq.ge(ack, recover); }

    /** RFC 6582 §3.2 step 3 option (1): min(ssthresh, FlightSize + SMSS), avoiding a burst. */
    long cwndAfterRecovery(long flight, long ackedBytes) { return Math.min(ssthresh, Math.max(flight - ackedBytes, 0) + smss); }

    /** RFC 5681 §3.1 window growth outside recovery. */
    void grow(long ackedBytes, long now) {
        if (cwnd < ssthresh) {
            cwnd += Math.min(ackedBytes, 2 * smss);         // RFC 5681 §3.1 eq. (2) with RFC 3465 §2.2 L = 2*SMSS
        } else {
            bytesAckedInCa += ackedBytes;                   // RFC 5681 §3.1 eq. (3), byte counting
            if (bytesAckedInCa >= cwnd) {
                bytesAckedInCa -= cwnd;
                cwnd += smss;
            }
        }
    }

    /** RFC 5681 §3.1 eq. (4): ssthresh after a congestion event, from the data in flight. */
    long ssthreshAfterLoss(long flight) { return Math.max(flight / 2, 2L * smss); }

    /** The retransmission timer expired (after ssthreshAfterLoss): the algorithm's own state may restart. */
    void onLossTimeout() {}

    @Override public long reduceSsthresh(long flight) {
        ssthresh = ssthreshAfterLoss(flight);
        bytesAckedInCa = 0;
        return ssthresh;
    }

    @Override public Action onDuplicateAck(int dupAcks, int sndUna, int sndMax, long flight) {
        if (inRecovery) {
            cwnd += smss;                                   // RFC 6582 §3.2 step 4, inflate per extra duplicate
            return Action.NONE;
        }
        if (dupAcks != DUP_ACK_THRESHOLD) return Action.NONE;
        // RFC 6582 §3.2 step 2: only if the ACK covers more than recover, the highest byte sent when the last
        // recovery or RTO began; recover holds SND.MAX, one past it, so an ACK of exactly recover is not enough
        // (FreeBSD snd_recover, Linux "hold old state until something above high_seq is ACKed")
        if (recoverValid && Seq.le(sndUna, recover)) return Action.NONE;
        ssthresh = ssthreshAfterLoss(flight);               // RFC 5681 §3.2 eq. (4)
        recover = sndMax;
        recoverValid = true;
        inRecovery = true;
        cwnd = ssthresh + DUP_ACK_THRESHOLD * smss;         // RFC 5681 §3.2 step 3
        bytesAckedInCa = 0;
        return Action.RETRANSMIT_FIRST_UNACKED;
    }

    @Override public void onRetransmitTimeout(long flight, int sndMax) {
        ssthresh = ssthreshAfterLoss(flight);               // RFC 5681 §3.1 eq. (4)
        cwnd = smss;                                        // RFC 5681 §3.1: loss window = 1 SMSS
        onLossTimeout();
        inRecovery = false;
        recover = sndMax;                                   // RFC 6582 §3.2 step 4 (after RTO)
        recoverValid = true;
        bytesAckedInCa = 0;
    }

    @Override public void restart(long cwnd, long ssthresh) {
        this.cwnd = cwnd;
        this.ssthresh = ssthresh;
        bytesAckedInCa = 0;
    }
}
