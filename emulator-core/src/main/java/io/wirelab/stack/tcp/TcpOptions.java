package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * Per-socket TCP settings. The defaults ({@link #defaults()}) are profile linux ({@link TcpProfile#LINUX}):
 * Linux 6.x as it behaves on the wire, each value's source named below and in docs/conformance-tcp.md.
 *
 * @param noDelay               TCP_NODELAY: disable Nagle (RFC 896 / RFC 1122 §4.2.3.4). Default false.
 * @param sendBuffer            bytes the app may queue unacknowledged. Default 256 KiB.
 * @param receiveBuffer         receive buffer = largest advertised window. Default 256 KiB.
 * @param delayedAckNanos       delayed ACK: the fixed timer, or the adaptive one's maximum (Linux TCP_DELACK_MAX);
 *                              below the RTO floor (min(this, minRto - 1 ms), Linux tcp_delack_max). Default 200 ms.
 * @param initialWindowSegments initial cwnd in segments (RFC 6928: 10; 1 or 2 for older stacks).
 * @param mss                   MSS to announce; 0 = interface MTU - 40 (1460 on Ethernet).
 * @param windowScale           send the Window Scale option (RFC 7323). Default on.
 * @param sack                  send SACK-permitted and generate SACK blocks (RFC 2018). Default on.
 * @param timestamps            send the Timestamps option (RFC 7323 §3). Default on (Linux tcp_timestamps 1).
 * @param timestampOffsets      TSval = the 1 ms clock plus an offset per address pair (TcpLayer.tsOffset, Linux
 *                              secure_tcp_ts_off with tcp_timestamps 1); off, TSval = the clock alone (tcp_timestamps 2).
 *                              Default on.
 * @param minRtoNanos           RTO floor. Default 200 ms (Linux). DEVIATION(RFC 6298 (2.4)): the RFC says 1 s.
 * @param maxRtoNanos           RTO ceiling (RFC 6298 (2.5) allows >= 60 s). Default 120 s (Linux).
 * @param initialRtoNanos       RTO before any RTT sample, RFC 6298 (2.1): 1 s.
 * @param mslNanos              Maximum Segment Lifetime; TIME_WAIT lasts 2 x MSL (RFC 9293 §3.4.2). Default 30 s, so
 *                              TIME-WAIT lasts Linux's 60 s (TCP_TIMEWAIT_LEN).
 * @param maxTimeWait           connections the host holds in TIME-WAIT at once (Linux tcp_max_tw_buckets, per network
 *                              namespace); a connection closing beyond it goes to CLOSED without TIME-WAIT, 0 means
 *                              no TIME-WAIT at all. Default 131072: Linux sizes it from memory (half the established
 *                              hash), 131072 on a 24 GiB machine. The host's TCP layer reads it from each connection.
 * @param lingerNanos           -1 = off; 0 = close() aborts with RST (SO_LINGER 0).
 * @param synRetries            SYN retransmissions before connect fails (Linux tcp_syn_retries = 6).
 * @param maxRetries            data retransmissions before the connection times out (Linux tcp_retries2 = 15).
 * @param congestion            congestion control (Linux tcp_congestion_control). Default CUBIC (RFC 9438), as Linux.
 * @param keepAlive             keep-alive (RFC 1122 §4.2.3.6). Default off, 7200 s / 75 s / 9 probes (Linux).
 * @param autotune              grow the receive buffer (Linux tcp_rcv_space_adjust) and the send buffer
 *                              (tcp_sndbuf_expand) from receiveBuffer / sendBuffer up to the maxima. Default on (tcp_moderate_rcvbuf 1).
 * @param receiveBufferMax      autotuning's receive-buffer ceiling (Linux tcp_rmem[2], 6 MiB).
 * @param sendBufferMax         autotuning's send-buffer ceiling (Linux tcp_wmem[2], 4 MiB).
 * @param delayedAckMode        ADAPTIVE (Linux quick-ACK, pingpong, ato 40 ms up) or FIXED. Default ADAPTIVE.
 * @param linuxWindows          SYN window rounded down to whole segments, window scale at least 7 (Linux
 *                              tcp_select_initial_window: 64240 / 65160 on Ethernet). Default on (profile textbook: off).
 * @param appDelayNanos         how long the host's applications take to react to a socket event (data, end of
 *                              stream, connection up) before they read, answer or close; used by the applications
 *                              of a lab (io.wirelab.devices.stream.TcpTransport), not by the stack. Default 30 us,
 *                              what a small Linux server or curl takes in the reference captures.
 */
public record TcpOptions(boolean noDelay, int sendBuffer, int receiveBuffer, long delayedAckNanos,
                         int initialWindowSegments, int mss, boolean windowScale, boolean sack, boolean timestamps,
                         boolean timestampOffsets, long minRtoNanos, long maxRtoNanos, long initialRtoNanos, long mslNanos, int maxTimeWait, long lingerNanos,
                         int synRetries, int maxRetries, TcpCongestion congestion, TcpKeepAlive keepAlive,
                         boolean autotune, int receiveBufferMax, int sendBufferMax, DelayedAckMode delayedAckMode,
                         boolean linuxWindows, long appDelayNanos) {
    /** The most records a layer's TimeWaits can hold (a record's handle keeps 24 bits of slot). */
    public static final int MAX_TIME_WAIT = 1 << 24;

    public TcpOptions {
        if (congestion == null) throw new IllegalArgumentException("congestion control missing");
        if (keepAlive == null) throw new IllegalArgumentException("keep-alive settings missing");
        if (delayedAckMode == null) throw new IllegalArgumentException("delayed-ACK mode missing");
        if (receiveBufferMax > (0xffff << 14)) throw new IllegalArgumentException("receiveBufferMax above 1 GiB (RFC 7323 §2.3)");
        if (receiveBufferMax < 1 || sendBufferMax < 1) throw new IllegalArgumentException("buffer maxima must be > 0");
        if (sendBuffer < 1 || receiveBuffer < 1) throw new IllegalArgumentException("buffers must be > 0");
        if (receiveBuffer > (0xffff << 14)) throw new IllegalArgumentException("receiveBuffer above 1 GiB (RFC 7323 §2.3)");
        if (initialWindowSegments < 1) throw new IllegalArgumentException("initialWindowSegments " + initialWindowSegments);
        if (mss < 0 || mss > 0xffff) throw new IllegalArgumentException("mss " + mss);
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos || initialRtoNanos <= 0)
            throw new IllegalArgumentException("bad RTO bounds");
        if (maxTimeWait < 0 || maxTimeWait > MAX_TIME_WAIT) throw new IllegalArgumentException("maxTimeWait " + maxTimeWait);
        if (delayedAckNanos < 0 || mslNanos < 0 || synRetries < 0 || maxRetries < 1 || appDelayNanos < 0)
            throw new IllegalArgumentException("negative timer or retry count");
    }

    public static TcpOptions defaults() {
        return new Builder().build();
    }

    /** The settings of a profile. */
    public static TcpOptions profile(TcpProfile p) { return p.options(); }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() { return new Builder(); }

    /** A builder starting from these settings. */
    public Builder toBuilder() { return new Builder(this); }

    public TcpOptions withNoDelay(boolean v) { return toBuilder().noDelay(v).build(); }
    public TcpOptions withSendBuffer(int v) { return toBuilder().sendBuffer(v).build(); }
    public TcpOptions withReceiveBuffer(int v) { return toBuilder().receiveBuffer(v).build(); }
    public TcpOptions withDelayedAckNanos(long v) { return toBuilder().delayedAckNanos(v).build(); }
    public TcpOptions withInitialWindowSegments(int v) { return toBuilder().initialWindowSegments(v).build(); }
    public TcpOptions withMss(int v) { return toBuilder().mss(v).build(); }
    public TcpOptions withWindowScale(boolean v) { return toBuilder().windowScale(v).build(); }
    public TcpOptions withSack(boolean v) { return toBuilder().sack(v).build(); }
    public TcpOptions withTimestamps(boolean v) { return toBuilder().timestamps(v).build(); }
    public TcpOptions withTimestampOffsets(boolean v) { return toBuilder().timestampOffsets(v).build(); }
    public TcpOptions withMinRtoNanos(long v) { return toBuilder().minRtoNanos(v).build(); }
    public TcpOptions withMaxRtoNanos(long v) { return toBuilder().maxRtoNanos(v).build(); }
    public TcpOptions withInitialRtoNanos(long v) { return toBuilder().initialRtoNanos(v).build(); }
    public TcpOptions withMslNanos(long v) { return toBuilder().mslNanos(v).build(); }
    public TcpOptions withMaxTimeWait(int v) { return toBuilder().maxTimeWait(v).build(); }
    public TcpOptions withLingerNanos(long v) { return toBuilder().lingerNanos(v).build(); }
    public TcpOptions withSynRetries(int v) { return toBuilder().synRetries(v).build(); }
    public TcpOptions withMaxRetries(int v) { return toBuilder().maxRetries(v).build(); }
    public TcpOptions withCongestion(TcpCongestion v) { return toBuilder().congestion(v).build(); }
    public TcpOptions withKeepAlive(TcpKeepAlive v) { return toBuilder().keepAlive(v).build(); }
    public TcpOptions withAutotune(boolean v) { return toBuilder().autotune(v).build(); }
    public TcpOptions withDelayedAckMode(DelayedAckMode v) { return toBuilder().delayedAckMode(v).build(); }
    public TcpOptions withLinuxWindows(boolean v) { return toBuilder().linuxWindows(v).build(); }
    public TcpOptions withAppDelayNanos(long v) { return toBuilder().appDelayNanos(v).build(); }

    /** Settings by name; starts from the defaults, so a caller names only what it changes. */
    public static final class Builder {
        private boolean noDelay = false;
        private int sendBuffer = 256 * 1024;
        private int receiveBuffer = 256 * 1024;
        private long delayedAckNanos = SimTime.millis(200);
        private int initialWindowSegments = 10;
        private int mss = 0;
        private boolean windowScale = true;
        private boolean sack = true;
        private boolean timestamps = true;
        private boolean timestampOffsets = true;
        private long minRtoNanos = SimTime.millis(200);
        private long maxRtoNanos = SimTime.seconds(120);
        private long initialRtoNanos = SimTime.seconds(1);
        private long mslNanos = SimTime.seconds(30);
        private int maxTimeWait = 131_072;
        private long lingerNanos = -1;
        private int synRetries = 6;
        private int maxRetries = 15;
        private TcpCongestion congestion = TcpCongestion.CUBIC;
        private TcpKeepAlive keepAlive = TcpKeepAlive.LINUX;
        private boolean autotune = true;
        private int receiveBufferMax = 6 * 1024 * 1024;
        private int sendBufferMax = 4 * 1024 * 1024;
        private DelayedAckMode delayedAckMode = DelayedAckMode.ADAPTIVE;
        private boolean linuxWindows = true;
        private long appDelayNanos = SimTime.micros(30);

        private Builder() {}

        private Builder(TcpOptions o) {
            noDelay = o.noDelay;
            sendBuffer = o.sendBuffer;
            receiveBuffer = o.receiveBuffer;
            delayedAckNanos = o.delayedAckNanos;
            initialWindowSegments = o.initialWindowSegments;
            mss = o.mss;
            windowScale = o.windowScale;
            sack = o.sack;
            timestamps = o.timestamps;
            timestampOffsets = o.timestampOffsets;
            minRtoNanos = o.minRtoNanos;
            maxRtoNanos = o.maxRtoNanos;
            initialRtoNanos = o.initialRtoNanos;
            mslNanos = o.mslNanos;
            maxTimeWait = o.maxTimeWait;
            lingerNanos = o.lingerNanos;
            synRetries = o.synRetries;
            maxRetries = o.maxRetries;
            congestion = o.congestion;
            keepAlive = o.keepAlive;
            autotune = o.autotune;
            receiveBufferMax = o.receiveBufferMax;
            sendBufferMax = o.sendBufferMax;
            delayedAckMode = o.delayedAckMode;
            linuxWindows = o.linuxWindows;
            appDelayNanos = o.appDelayNanos;
        }

        public Builder noDelay(boolean v) { noDelay = v; return this; }
        public Builder sendBuffer(int v) { sendBuffer = v; return this; }
        public Builder receiveBuffer(int v) { receiveBuffer = v; return this; }
        public Builder delayedAckNanos(long v) { delayedAckNanos = v; return this; }
        public Builder initialWindowSegments(int v) { initialWindowSegments = v; return this; }
        public Builder mss(int v) { mss = v; return this; }
        public Builder windowScale(boolean v) { windowScale = v; return this; }
        public Builder sack(boolean v) { sack = v; return this; }
        public Builder timestamps(boolean v) { timestamps = v; return this; }
        public Builder timestampOffsets(boolean v) { timestampOffsets = v; return this; }
        public Builder minRtoNanos(long v) { minRtoNanos = v; return this; }
        public Builder maxRtoNanos(long v) { maxRtoNanos = v; return this; }
        public Builder initialRtoNanos(long v) { initialRtoNanos = v; return this; }
        public Builder mslNanos(long v) { mslNanos = v; return this; }
        public Builder maxTimeWait(int v) { maxTimeWait = v; return this; }
        public Builder lingerNanos(long v) { lingerNanos = v; return this; }
        public Builder synRetries(int v) { synRetries = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder congestion(TcpCongestion v) { congestion = v; return this; }
        public Builder keepAlive(TcpKeepAlive v) { keepAlive = v; return this; }
        public Builder autotune(boolean v) { autotune = v; return this; }
        public Builder receiveBufferMax(int v) { receiveBufferMax = v; return this; }
        public Builder sendBufferMax(int v) { sendBufferMax = v; return this; }
        public Builder delayedAckMode(DelayedAckMode v) { delayedAckMode = v; return this; }
        public Builder linuxWindows(boolean v) { linuxWindows = v; return this; }
        public Builder appDelayNanos(long v) { appDelayNanos = v; return this; }

        public TcpOptions build() {
            return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale,
                    sack, timestamps, timestampOffsets, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, maxTimeWait, lingerNanos, synRetries, maxRetries,
                    congestion, keepAlive, autotune, receiveBufferMax, sendBufferMax, delayedAckMode,
                    linuxWindows, appDelayNanos);
        }
    }
}
