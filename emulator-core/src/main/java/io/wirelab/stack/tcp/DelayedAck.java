package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * When a receiver ACKs (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2, RFC 5681 §4.2). ADAPTIVE follows Linux's
 * delayed-ACK engine (tcp_input.c tcp_event_data_recv, __tcp_ack_snd_check, tcp_measure_rcv_mss;
 * tcp_output.c tcp_send_delayed_ack, tcp_event_data_sent; tcp_timer.c tcp_delack_timer_handler;
 * tcp.c __tcp_cleanup_rbuf). FIXED waits the configured time and ACKs every second full segment.
 * Time is an input; the connection owns the timer.
 */
final class DelayedAck {
    static final long ATO_MIN = SimTime.millis(40);           // Linux TCP_ATO_MIN = TCP_DELACK_MIN
    static final long ATO_MAX_UNPUSHED = SimTime.millis(500); // Linux HZ / 2, and RFC 1122's 0.5 s limit
    static final int MAX_QUICKACKS = 16;                       // Linux TCP_MAX_QUICKACKS
    static final int DEFAULT_RCV_MSS = 536;                    // Linux TCP_MSS_DEFAULT
    private static final long TICK = RtoEstimator.CLOCK_GRANULARITY_NANOS;

    private final boolean adaptive;
    private final long maxDelay;     // configured time, below the RTO floor (Linux tcp_delack_max: rto_min - 1 jiffy)
    private int fullMss;             // largest segment the peer may send (Eff.snd.MSS of the peer)
    private int rcvMss;              // Linux icsk_ack.rcv_mss, measured from arriving segments
    private int lastSegSize;
    private long ato;                // 0 until the first data segment
    private int quick;
    private boolean pingpong;        // Linux tcp_pingpong_thresh 1: one reply within ato makes it interactive
    private long lastReceived;       // Linux icsk_ack.lrcvtime
    private boolean scheduled, pushed, pushed2;

    DelayedAck(DelayedAckMode mode, long delayNanos, long minRtoNanos) {
        this.adaptive = mode == DelayedAckMode.ADAPTIVE;
        this.maxDelay = Math.max(0, Math.min(delayNanos, minRtoNanos - TICK));
    }

    /** The connection is synchronized: fullMss is the largest payload the peer sends. */
    void start(int fullMss, long now) {
        this.fullMss = fullMss;
        this.rcvMss = adaptive ? Math.min(fullMss, DEFAULT_RCV_MSS) : fullMss;
        this.lastReceived = now;
    }

    /** In-order data arrived (Linux tcp_event_data_recv). headerLen is the TCP header the peer uses on data. */
    void onData(int len, int headerLen, boolean pshOrFin, int rcvWnd, long rto, long now) {
        scheduled = true;
        if (!adaptive) return;
        measureRcvMss(len, headerLen, pshOrFin);
        if (ato == 0) {                                        // the first data segment
            addQuickAcks(rcvWnd);
            ato = ATO_MIN;
        } else {
            long gap = now - lastReceived;
            if (gap <= ATO_MIN / 2) ato = ato / 2 + ATO_MIN / 2;
            else if (gap < ato) ato = Math.min(ato / 2 + gap, rto);
            else if (gap > rto) addQuickAcks(rcvWnd);          // the sender was idle: ACK quickly again
        }
        lastReceived = now;
    }

    /** Linux tcp_measure_rcv_mss: full-size segments set rcv_mss; small ones mark the ACK "pushed". */
    private void measureRcvMss(int len, int headerLen, boolean pshOrFin) {
        int last = lastSegSize;
        lastSegSize = 0;
        if (len >= rcvMss) {
            rcvMss = Math.min(len, fullMss);
            if (pshOrFin) pushed = true;
            return;
        }
        int withHeader = len + headerLen;
        if (withHeader >= DEFAULT_RCV_MSS + 20 || (withHeader >= 88 + 20 && !pshOrFin)) {
            lastSegSize = len;
            if (len == last) { rcvMss = len; return; }
        }
        if (pushed) pushed2 = true;
        pushed = true;
    }

    /** ACK at once instead of delaying (Linux __tcp_ack_snd_check; RFC 5681 §4.2 every second full segment). */
    boolean ackNow(int unackedBytes) {
        if (!adaptive) return unackedBytes >= 2 * rcvMss;
        return unackedBytes > rcvMss || (quick > 0 && !pingpong);
    }

    /** The delay before a delayed ACK (Linux tcp_send_delayed_ack), srtt 0 when unknown. */
    long delay(long srtt) {
        if (!adaptive) return maxDelay;
        long a = ato == 0 ? TICK : ato;
        if (a > ATO_MIN) {
            long bound = pingpong || pushed ? SimTime.millis(200) : ATO_MAX_UNPUSHED;
            if (srtt > 0) bound = Math.min(bound, Math.max(srtt, ATO_MIN));
            a = Math.min(a, bound);
        }
        return Math.min(a, maxDelay);
    }

    /** Linux tcp_send_delayed_ack: a timer due within a quarter of the new delay sends the ACK now. */
    boolean dueSoon(long armedAt, long now, long delay) { return adaptive && armedAt <= now + delay / 4; }

    /** An ACK was sent, piggybacked or pure (Linux tcp_event_ack_sent, tcp_dec_quickack_mode). */
    void onAckSent() {
        if (quick > 0 && scheduled) {
            if (--quick == 0) ato = ATO_MIN;
        }
        scheduled = pushed = pushed2 = false;
    }

    /** A data segment left (Linux tcp_event_data_sent): a reply within ato makes the connection interactive. */
    void onDataSent(long now) {
        if (adaptive && now - lastReceived < ato) pingpong = true;
    }

    /** The delayed-ACK timer fired with data unacknowledged (Linux tcp_delack_timer_handler). */
    void onTimerExpired(long rto) {
        if (!adaptive) return;
        if (!pingpong) ato = Math.min(2 * ato, rto);
        else { pingpong = false; ato = ATO_MIN; }
    }

    /** Duplicate or out-of-window data (Linux tcp_enter_quickack_mode). */
    void enterQuickAck(int rcvWnd) {
        if (!adaptive) return;
        addQuickAcks(rcvWnd);
        pingpong = false;
        ato = ATO_MIN;
    }

    /** The peer's FIN arrived in ESTABLISHED (Linux tcp_fin: inet_csk_enter_pingpong_mode). */
    void enterPingpong() { if (adaptive) pingpong = true; }

    /** ACK a FIN at once (textbook) or delay it like data (Linux, pingpong). */
    boolean ackFinNow() { return !adaptive; }

    /** After the application read (Linux __tcp_cleanup_rbuf): ACK now if a pushed segment was drained. */
    boolean ackAfterRead(int unackedBytes, boolean drained) {
        if (!adaptive || !scheduled) return false;
        return unackedBytes > rcvMss || (drained && (pushed2 || (pushed && !pingpong)));
    }

    int rcvMss() { return rcvMss; }
    boolean pingpong() { return pingpong; }
    boolean quickAckMode() { return adaptive && quick > 0 && !pingpong; }

    private void addQuickAcks(int rcvWnd) {
        int n = rcvWnd / (2 * rcvMss);
        if (n == 0) n = 2;
        quick = Math.max(quick, Math.min(n, MAX_QUICKACKS));
    }
}
