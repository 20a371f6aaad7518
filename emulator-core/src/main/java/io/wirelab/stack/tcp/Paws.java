package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * The receiver's side of RFC 7323 timestamps: TS.Recent, the timestamp to echo (§4.3), and PAWS,
 * protection against wrapped sequence numbers (§5), as Linux's tcp_replace_ts_recent and tcp_paws_check.
 */
final class Paws {
    /** RFC 7323 §5.5: TS.Recent older than 24 days is invalid (Linux TCP_PAWS_24DAYS). */
    static final long TS_RECENT_LIFETIME_NANOS = SimTime.seconds(60L * 60 * 24 * 24);
    /** Linux TCP_PAWS_WINDOW: a TSval one tick behind TS.Recent still passes. */
    static final int PAWS_WINDOW = 1;

    private int tsRecent;
    private long tsRecentAtNanos = -1;                         // when TS.Recent was set; -1 = never
    private int lastAckSent;                                   // RFC 7323 §4.3 Last.ACK.sent

    int tsRecent() { return tsRecent; }
    long tsRecentAtNanos() { return tsRecentAtNanos; }
    int lastAckSent() { return lastAckSent; }

    /** The TSval of the peer's SYN or SYN-ACK (RFC 7323 §3.2). */
    void init(int tsVal, long now) {
        tsRecent = tsVal;
        tsRecentAtNanos = now;
    }

    /** Every segment we send with ACK = rcvNxt. */
    void ackSent(int rcvNxt) { lastAckSent = rcvNxt; }

    /**
     * RFC 7323 §5.3 R1: an arriving TSval older than a valid TS.Recent marks the segment as an old
     * duplicate (Linux tcp_paws_check with TCP_PAWS_WINDOW).
     */
    boolean rejects(int tsVal, long now) { return rejects(tsRecent, tsRecentAtNanos, tsVal, now); }

    /** rejects() on TS.Recent kept elsewhere (TIME-WAIT's columns). */
    static boolean rejects(int tsRecent, long tsRecentAtNanos, int tsVal, long now) {
        if (tsRecentAtNanos < 0 || tsRecent - tsVal <= PAWS_WINDOW) return false;
        return now - tsRecentAtNanos < TS_RECENT_LIFETIME_NANOS;
    }

    /** How far TSval lags TS.Recent, in timestamp ticks (ms); 0 if it does not. */
    int lag(int tsVal) { return lag(tsRecent, tsVal); }

    static int lag(int tsRecent, int tsVal) { return Math.max(0, tsRecent - tsVal); }

    /**
     * RFC 7323 §4.3 (2): "If SEG.TSval >= TS.Recent and SEG.SEQ =< Last.ACK.sent then SEG.TSval is
     * copied to TS.Recent", so with delayed ACKs the earliest unacknowledged segment's TSval is echoed.
     */
    void update(int segSeq, int tsVal, long now) {
        if (!replaces(tsRecent, tsRecentAtNanos, lastAckSent, segSeq, tsVal, now)) return;
        tsRecent = tsVal;
        tsRecentAtNanos = now;
    }

    /** Whether update() takes tsVal as TS.Recent, on TS.Recent kept elsewhere (TIME-WAIT's columns). */
    static boolean replaces(int tsRecent, long tsRecentAtNanos, int lastAckSent, int segSeq, int tsVal, long now) {
        if (segSeq - lastAckSent > 0) return false;
        return tsVal - tsRecent >= 0 || rejectsNothing(tsRecentAtNanos, now);
    }

    /** RFC 7323 §5.5: an invalid (never set or 24-day-old) TS.Recent is replaced by any TSval. */
    private static boolean rejectsNothing(long tsRecentAtNanos, long now) {
        return tsRecentAtNanos < 0 || now - tsRecentAtNanos >= TS_RECENT_LIFETIME_NANOS;
    }
}
