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
    private long rto;
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
        // RFC 6298 (2.4)/(2.5); the floor is minRto. DEVIATION(RFC 6298 (2.4)): default floor 200 ms, not 1 s (Linux).
        rto = clamp(srtt + Math.max(CLOCK_GRANULARITY_NANOS, 4 * rttvar));
    }

    /** RFC 6298 (5.5): back off the timer, "RTO <- RTO * 2", bounded by the maximum. */
    void backoff() { rto = Math.min(maxRto, rto * 2); }

    private long clamp(long v) { return Math.max(minRto, Math.min(maxRto, v)); }

    long rtoNanos() { return rto; }
    long srttNanos() { return hasSample ? srtt : 0; }
    long rttvarNanos() { return rttvar; }
    boolean hasSample() { return hasSample; }
}
