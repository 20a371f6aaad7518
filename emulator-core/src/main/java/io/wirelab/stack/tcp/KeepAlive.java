package io.wirelab.stack.tcp;

/**
 * One connection's keep-alive clock (RFC 1122 §4.2.3.6), deciding as Linux's tcp_keepalive_timer:
 * after the idle time without hearing from the peer, probe every interval; reset after the last
 * unanswered probe. Any acceptable segment from the peer restarts the count.
 */
final class KeepAlive {
    enum Action { WAIT, PROBE, GIVE_UP }

    private TcpKeepAlive settings;
    private long lastHeardNanos;
    private int probesOut;
    private long nextAtNanos;

    KeepAlive(TcpKeepAlive settings) { this.settings = settings; }

    TcpKeepAlive settings() { return settings; }
    void settings(TcpKeepAlive s) { settings = s; }
    int probesOut() { return probesOut; }
    /** When onTimer wants to run next. */
    long nextAtNanos() { return nextAtNanos; }

    /** A segment from the peer passed the acceptability checks (Linux rcv_tstamp, probes_out = 0). */
    void heard(long now) {
        lastHeardNanos = now;
        probesOut = 0;
    }

    /** Starts the clock (connection established, or SO_KEEPALIVE turned on): first check one idle time from now. */
    void start(long now) {
        lastHeardNanos = Math.max(lastHeardNanos, now);
        nextAtNanos = now + settings.idleNanos();
    }

    /** busy: data in flight or queued, which the retransmission timer watches instead (Linux packets_out). */
    Action onTimer(long now, boolean busy) {
        long elapsed = now - lastHeardNanos;
        if (busy || elapsed < settings.idleNanos()) {
            nextAtNanos = busy ? now + settings.idleNanos() : lastHeardNanos + settings.idleNanos();
            return Action.WAIT;
        }
        if (probesOut >= settings.probes()) return Action.GIVE_UP;
        probesOut++;
        nextAtNanos = now + settings.intervalNanos();
        return Action.PROBE;
    }
}
