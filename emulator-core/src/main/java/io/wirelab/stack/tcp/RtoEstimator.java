package io.wirelab.stack.tcp;

/**
 * RFC 6298 retransmission timeout: SRTT/RTTVAR smoothing, clamping and exponential backoff.
 * Karn's algorithm (RFC 6298 §3) is applied by the caller, which never samples a retransmitted segment.
 */
final class RtoEstimator {
    static final long CLOCK_GRANULARITY_NANOS = 1_000_000;   // RFC 6298 (2.2) "G"; 1 ms like Linux HZ=1000

    private final long minRto;
    private final long maxRto;
    private long srtt;
    private long rttvar;
    private long rto;            // RTO without backoff
    private int backoffs;
    private boolean hasSample;

    RtoEstimator(long initialRto, long minRto, long maxRto) {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.rto = Math.min(initialRto, maxRto);            // RFC 6298 (2.1)
    }

    /** One RTT measurement R in nanoseconds. */
    void sample(long r) {
        if (!hasSample) {                                   // RFC 6298 (2.2)
            srtt = r;
            rttvar = r / 2;
            hasSample = true;
        } else {                                            // RFC 6298 (2.3), alpha 1/8, beta 1/4
            rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4;
            srtt = (7 * srtt + r) / 8;
        }
        // RFC 6298 (2.4)/(2.5). DEVIATION(RFC 6298 (2.4)): minRto (default 200 ms, not 1 s) floors the variance
        // term as Linux does (tcp_rtt_estimator: mdev_max >= rto_min), so RTO >= SRTT + minRto and a 200 ms
        // delayed ACK never triggers a spurious retransmission.
        rto = clamp(srtt + Math.max(Math.max(CLOCK_GRANULARITY_NANOS, 4 * rttvar), minRto));
        backoffs = 0;
    }

    /** RFC 6298 (5.5): back off the timer, "RTO <- RTO * 2", bounded by the maximum. */
    void backoff() { if (backoffs < 30) backoffs++; }

    /**
     * DEVIATION(RFC 6298 §5): an ACK of new data clears the backoff (BSD t_rxtshift = 0, Linux does the same);
     * the RFC keeps the backed-off RTO until a fresh sample, which Karn forbids while every segment is a
     * retransmission, so one lossy stretch would leave RTO at its ceiling.
     */
    void resetBackoff() { backoffs = 0; }

    /** RFC 6298 (5.7): the handshake gave no RTT sample (a SYN was retransmitted), so data starts from this RTO. */
    void fallbackWithoutSample(long nanos) {
        if (hasSample) return;
        rto = Math.min(nanos, maxRto);
        backoffs = 0;
    }

    private long clamp(long v) { return Math.max(minRto, Math.min(maxRto, v)); }

    long rtoNanos() { return backoffs >= 30 || (rto << backoffs) >>> backoffs != rto ? maxRto : Math.min(maxRto, rto << backoffs); }
    long srttNanos() { return hasSample ? srtt : 0; }
    long rttvarNanos() { return rttvar; }
    boolean hasSample() { return hasSample; }
}
