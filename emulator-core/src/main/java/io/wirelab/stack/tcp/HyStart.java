package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.tcp.Seq;

/**
 * Hybrid slow start (Ha and Rhee, 2008) as Linux's CUBIC runs it (net/ipv4/tcp_cubic.c:hystart_update,
 * hystart_detect = ACK train + delay): leaves slow start, setting ssthresh = cwnd, before the queue
 * overflows, when the ACKs of one round arrive spread over more than half the minimum RTT (ACK train)
 * or the round's minimum RTT exceeds min RTT + clamp(min RTT / 8, 4 ms, 16 ms) (delay increase).
 */
final class HyStart {
    static final int LOW_WINDOW = 16;                        // hystart_low_window, segments
    static final long ACK_DELTA = SimTime.micros(2000);      // hystart_ack_delta_us
    static final int MIN_SAMPLES = 8;                        // HYSTART_MIN_SAMPLES
    static final long DELAY_MIN = SimTime.millis(4);         // HYSTART_DELAY_MIN
    static final long DELAY_MAX = SimTime.millis(16);        // HYSTART_DELAY_MAX

    private long roundStart, lastAck;
    private int endSeq;
    private long currRtt = Long.MAX_VALUE;
    private int sampleCnt;
    private boolean found;
    private boolean roundStarted;

    /** Linux bictcp_hystart_reset: a new round starts, ending when sndNxt is acknowledged. */
    void reset(long now, int sndNxt) {
        roundStart = lastAck = now;
        endSeq = sndNxt;
        currRtt = Long.MAX_VALUE;
        sampleCnt = 0;
        roundStarted = true;
    }

    /** Slow start ended by loss or timeout: HyStart may run again in the next slow start (Linux bictcp_reset). */
    void rearm() { found = false; roundStarted = false; }

    boolean found() { return found; }

    /**
     * One RTT sample in slow start with cwnd at least LOW_WINDOW segments; delayMin is the connection's
     * minimum RTT. Returns true the moment slow start should end.
     */
    boolean onSample(long rtt, long delayMin, long now, int sndUna, int sndNxt) {
        if (found) return false;
        if (!roundStarted || Seq.gt(sndUna, endSeq)) reset(now, sndNxt);
        // ACK train: closely spaced ACKs spanning more than delay_min / 2 (no pacing: threshold halved)
        if (now - lastAck <= ACK_DELTA) {
            lastAck = now;
            if (now - roundStart > delayMin / 2) found = true;
        }
        // delay increase: the round's minimum over MIN_SAMPLES samples
        if (!found) {
            currRtt = Math.min(currRtt, rtt);
            if (sampleCnt < MIN_SAMPLES) sampleCnt++;
            else if (currRtt > delayMin + Math.clamp(delayMin / 8, DELAY_MIN, DELAY_MAX)) found = true;
        }
        return found;
    }
}
