package io.wirelab.stack.tcp;

/**
 * Proportional Rate Reduction (RFC 6937) as Linux computes it (net/ipv4/tcp_input.c:tcp_cwnd_reduction):
 * during recovery cwnd = pipe + sndcnt, so the window falls to ssthresh over one round trip, in step with
 * what the receiver reports delivered, instead of halving at once and stalling. Bytes, not segments.
 */
final class Prr {
    private long priorCwnd;     // RFC 6937 RecoverFS: cwnd when recovery began
    private long ssthresh;
    private long delivered;     // RFC 6937 prr_delivered
    private long out;           // RFC 6937 prr_out

    /** RFC 6937 §3 "on entering recovery" (Linux tcp_init_cwnd_reduction). */
    void start(long cwndAtStart, long newSsthresh) {
        priorCwnd = Math.max(1, cwndAtStart);
        ssthresh = newSsthresh;
        delivered = 0;
        out = 0;
    }

    /** Data (new or retransmitted) sent during recovery. */
    void onSent(long bytes) { out += bytes; }

    /**
     * RFC 6937 §3 "on every ACK during recovery": returns the new cwnd, or -1 if nothing was delivered.
     * Above ssthresh the proportional part; at or below it, the slow-start reduction bound
     * (PRR-SSRB): deliveredData, +1 segment when SND.UNA advanced and no new loss was found.
     */
    long onAck(long deliveredData, boolean newlyLost, boolean sndUnaAdvanced, long pipe, int smss) {
        if (deliveredData <= 0) return -1;
        delivered += deliveredData;
        long delta = ssthresh - pipe;
        long sndcnt;
        if (delta < 0) {
            sndcnt = (ssthresh * delivered + priorCwnd - 1) / priorCwnd - out;     // CEIL(prr_delivered * ssthresh / RecoverFS) - prr_out
        } else {
            sndcnt = Math.max(delivered - out, deliveredData);
            if (sndUnaAdvanced && !newlyLost) sndcnt += smss;
            sndcnt = Math.min(delta, sndcnt);
        }
        sndcnt = Math.max(sndcnt, out == 0 ? smss : 0);                          // Linux: force the fast retransmit
        return pipe + sndcnt;
    }
}
