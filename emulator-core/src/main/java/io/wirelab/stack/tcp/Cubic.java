package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * CUBIC congestion control (RFC 9438) with the constants and integer arithmetic of Linux's
 * net/ipv4/tcp_cubic.c: beta 717/1024, C = 410/1024 segments/s³, fast convergence, the Reno-friendly
 * region (tcp_friendliness), HyStart, and at most a 1.5× increase per RTT. Time is virtual: the epoch,
 * K and t are nanoseconds converted to Linux's 1/1024 s units. Loss recovery (fast retransmit, partial
 * ACKs) is NewReno's; with SACK the connection runs RFC 6675 / PRR and asks only for ssthresh.
 */
final class Cubic extends NewReno {
    static final int BETA = 717;                              // RFC 9438 §4.6 beta_cubic 0.7, Linux beta (of 1024)
    static final int BETA_SCALE = 1024;                       // Linux BICTCP_BETA_SCALE
    static final int C_SCALED = 41 * 10;                      // Linux bic_scale * 10: C = 410/1024 ≈ 0.4 (RFC 9438 §5)
    static final int HZ_SHIFT = 10;                           // Linux BICTCP_HZ: t and K in 1/1024 s
    static final long CUBE_FACTOR = (1L << (10 + 3 * HZ_SHIFT)) / C_SCALED;   // K³ = CUBE_FACTOR · (W_max - cwnd)
    static final int FRIENDLY_SCALE = 8 * (BETA_SCALE + BETA) / 3 / (BETA_SCALE - BETA);   // Linux beta_scale = 15
    static final long RECOMPUTE_INTERVAL = SimTime.millis(31);  // Linux: cnt kept for HZ/32 if cwnd is unchanged
    static final long MAX_OFFSET = 1L << 20;                   // |t - K| capped at 1024 s so offs³ fits a long

    private final HyStart hystart = new HyStart();
    private long lastMaxCwnd;        // W_max before fast convergence (segments), Linux last_max_cwnd
    private long originPoint;        // W_max the cubic curve returns to (segments), Linux bic_origin_point
    private long k;                  // K in 1/1024 s
    private long epochStart = -1;    // start of the current congestion-avoidance epoch (ns), -1 = none
    private long ackCnt;             // bytes acknowledged toward W_est's next segment, Linux ack_cnt
    private long renoCwnd;           // W_est in segments, Linux tcp_cwnd (RFC 9438 §4.3)
    private long cnt;                // segments to be acknowledged per one-segment increase
    private long lastCwnd, lastTime;
    private long delayMin;           // minimum RTT seen (ns), Linux delay_min
    private long cwndCnt;            // bytes acknowledged toward the next increase, Linux snd_cwnd_cnt

    @Override public void init(int smss, int initialWindowSegments) {
        super.init(smss, initialWindowSegments);
        reset();
        hystart.rearm();
    }

    /** Linux bictcp_reset. */
    private void reset() {
        lastMaxCwnd = originPoint = k = ackCnt = renoCwnd = cnt = lastCwnd = 0;
        epochStart = -1;
        lastTime = 0;
        cwndCnt = 0;
    }

    // ------------------------------------------------------------ window growth (Linux cubictcp_cong_avoid)

    @Override void grow(long ackedBytes, long now) {
        long acked = ackedBytes;
        if (cwnd < ssthresh) {                                 // Linux tcp_slow_start: no ABC limit
            long grown = Math.min(cwnd + acked, ssthresh);
            acked -= grown - cwnd;
            cwnd = grown;
            if (acked <= 0) return;
        }
        update(cwnd / smss, acked, now);
        long w = cnt * smss;                                   // Linux tcp_cong_avoid_ai, in bytes
        if (cwndCnt >= w) {                                    // credit from a larger w: apply it gently
            cwndCnt = 0;
            cwnd += smss;
        }
        cwndCnt += acked;
        if (cwndCnt >= w) {
            long segments = cwndCnt / w;
            cwndCnt -= segments * w;
            cwnd += segments * smss;
        }
    }

    /** Linux bictcp_update: the target W_cubic(t + RTT) and the Reno-friendly W_est give cnt. */
    private void update(long cwndSegs, long ackedBytes, long now) {
        ackCnt += ackedBytes;
        if (lastCwnd == cwndSegs && now - lastTime <= RECOMPUTE_INTERVAL) return;
        if (epochStart < 0 || now / SimTime.MS != lastTime / SimTime.MS) {   // at most once per 1 ms tick
            lastCwnd = cwndSegs;
            lastTime = now;
            if (epochStart < 0) {                              // RFC 9438 §4.2: a new epoch starts
                epochStart = now;
                ackCnt = ackedBytes;
                renoCwnd = cwndSegs;
                if (lastMaxCwnd <= cwndSegs) { k = 0; originPoint = cwndSegs; }
                else { k = kOf(lastMaxCwnd - cwndSegs); originPoint = lastMaxCwnd; }
            }
            long t = toCubicTime(now - epochStart + delayMin);   // RFC 9438 §4.2: target for t + RTT
            long target = wCubic(t, k, originPoint);
            cnt = target > cwndSegs ? cwndSegs / (target - cwndSegs) : 100 * cwndSegs;
            if (lastMaxCwnd == 0 && cnt > 20) cnt = 20;        // no loss yet: at least 5 % per RTT
        }
        // RFC 9438 §4.3 Reno-friendly region: W_est grows by alpha_cubic = 3(1-beta)/(1+beta) per RTT
        long delta = ((cwndSegs * FRIENDLY_SCALE) >> 3) * smss;
        while (delta > 0 && ackCnt > delta) {
            ackCnt -= delta;
            renoCwnd++;
        }
        if (renoCwnd > cwndSegs) cnt = Math.min(cnt, cwndSegs / (renoCwnd - cwndSegs));
        cnt = Math.max(cnt, 2);                                // at most 1.5× per RTT
    }

    /** RFC 9438 eq. (1), Linux fixed point: W_cubic(t) = C·(t − K)³ + W_max, t and K in 1/1024 s. */
    static long wCubic(long t, long k, long wMax) {
        long offs = Math.min(Math.abs(t - k), MAX_OFFSET);
        long delta = (((offs * offs * offs) >> 10) * C_SCALED) >> (3 * HZ_SHIFT);
        return t < k ? wMax - delta : wMax + delta;
    }

    /** RFC 9438 eq. (2): K = ∛(W_max · (1 − beta) / C), here ∛((W_max − cwnd) / C) in 1/1024 s (Linux). */
    static long kOf(long reductionSegs) { return cubeRoot(CUBE_FACTOR * reductionSegs); }

    static long toCubicTime(long nanos) { return (nanos << HZ_SHIFT) / SimTime.SECOND; }

    /** The largest r with r³ ≤ x (exact integer cube root). */
    static long cubeRoot(long x) {
        long lo = 0, hi = 2_097_151;                           // 2^21 - 1: its cube fits a long
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (mid * mid * mid <= x) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    // ------------------------------------------------------------ congestion events

    /** RFC 9438 §4.6-4.7 (Linux cubictcp_recalc_ssthresh): W_max with fast convergence, ssthresh = beta·cwnd. */
    @Override long ssthreshAfterLoss(long flight) {
        long cwndSegs = cwnd / smss;
        epochStart = -1;
        cwndCnt = 0;                                           // Linux tcp_init_cwnd_reduction: snd_cwnd_cnt = 0
        if (cwndSegs < lastMaxCwnd) lastMaxCwnd = cwndSegs * (BETA_SCALE + BETA) / (2 * BETA_SCALE);
        else lastMaxCwnd = cwndSegs;
        return Math.max(cwndSegs * BETA / BETA_SCALE, 2) * smss;
    }

    /** RFC 9438 §4.8 (Linux cubictcp_state, TCP_CA_Loss): the timeout restarts from scratch. */
    @Override void onLossTimeout() {
        reset();
        hystart.rearm();
    }

    /** Linux cubictcp_cwnd_event(CA_EVENT_TX_START): an idle period does not count as epoch time. */
    void onSendAfterIdle(long idleNanos, long now) {
        if (epochStart >= 0 && idleNanos > 0) epochStart = Math.min(epochStart + idleNanos, now);
    }

    /** Linux cubictcp_acked: min RTT for the target, and HyStart in slow start from 16 segments. */
    @Override public void onRttSample(long rtt, int sndUna, int sndNxt, long now) {
        if (epochStart >= 0 && now - epochStart < SimTime.SECOND) return;   // right after recovery: skip
        long delay = Math.max(rtt, SimTime.US);
        if (delayMin == 0 || delay < delayMin) delayMin = delay;
        if (cwnd < ssthresh && cwnd >= (long) HyStart.LOW_WINDOW * smss
                && hystart.onSample(delay, delayMin, now, sndUna, sndNxt)) {
            ssthresh = cwnd;                                   // HyStart: leave slow start here
        }
    }

    long wMaxSegments() { return lastMaxCwnd; }
    long kCubicTime() { return k; }
    long renoFriendlySegments() { return renoCwnd; }
    boolean hystartFound() { return hystart.found(); }
}
