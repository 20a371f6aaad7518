package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;

/**
 * Whether the congestion window is in use (RFC 7661 §4.1 "cwnd-limited"), tracked per window of data
 * as Linux tcp_cwnd_validate does: a window is cwnd-limited if a send during it left less than one
 * segment of cwnd; in slow start also while cwnd is under twice the window's largest flight
 * (tcp_is_cwnd_limited), so slow start still doubles per round trip.
 */
final class CwndValidation {
    private boolean limited;
    private long maxFlight;
    private int usageSeq;

    CwndValidation(int iss) { usageSeq = iss; }

    /** After a send: flight is the data outstanding now, full that cwnd has no room for another segment. */
    void onSent(int sndUna, int sndNxt, long flight, boolean full) {
        if (Seq.ge(sndUna, usageSeq) || full || (!limited && flight > maxFlight)) {
            limited = full;
            maxFlight = flight;
            usageSeq = sndNxt;
        }
    }

    boolean cwndLimited(long cwnd, long ssthresh) {
        return limited || (cwnd < ssthresh && cwnd < 2 * maxFlight);
    }
}
