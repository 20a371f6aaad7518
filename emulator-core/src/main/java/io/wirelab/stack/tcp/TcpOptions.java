package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * Per-socket TCP settings. Defaults (see {@link #defaults()}) are Linux-like where Linux and the RFCs
 * differ, each tagged below.
 *
 * @param noDelay               TCP_NODELAY: disable Nagle (RFC 896 / RFC 1122 §4.2.3.4). Default false.
 * @param sendBuffer            bytes the app may queue unacknowledged. Default 256 KiB.
 * @param receiveBuffer         receive buffer = largest advertised window. Default 256 KiB.
 * @param delayedAckNanos       delayed ACK timer (RFC 9293 §3.8.6.3, < 500 ms). Default 200 ms.
 * @param initialWindowSegments initial cwnd in segments (RFC 6928: 10; 1 or 2 for older stacks).
 * @param mss                   MSS to announce; 0 = interface MTU - 40 (1460 on Ethernet).
 * @param windowScale           send the Window Scale option (RFC 7323). Default on.
 * @param sack                  send SACK-permitted and generate SACK blocks (RFC 2018). Default on.
 * @param timestamps            send the Timestamps option (RFC 7323 §3). Default off.
 * @param minRtoNanos           RTO floor. Default 200 ms (Linux). DEVIATION(RFC 6298 (2.4)): the RFC says 1 s.
 * @param maxRtoNanos           RTO ceiling (RFC 6298 (2.5) allows >= 60 s). Default 120 s (Linux).
 * @param initialRtoNanos       RTO before any RTT sample, RFC 6298 (2.1): 1 s.
 * @param mslNanos              Maximum Segment Lifetime; TIME_WAIT lasts 2 x MSL (RFC 9293 §3.4.2). Default 60 s.
 * @param lingerNanos           -1 = off; 0 = close() aborts with RST (SO_LINGER 0).
 * @param synRetries            SYN retransmissions before connect fails (Linux tcp_syn_retries = 6).
 * @param maxRetries            data retransmissions before the connection times out (Linux tcp_retries2 = 15).
 */
public record TcpOptions(boolean noDelay, int sendBuffer, int receiveBuffer, long delayedAckNanos,
                         int initialWindowSegments, int mss, boolean windowScale, boolean sack, boolean timestamps,
                         long minRtoNanos, long maxRtoNanos, long initialRtoNanos, long mslNanos, long lingerNanos,
                         int synRetries, int maxRetries) {
    public TcpOptions {
        if (sendBuffer < 1 || receiveBuffer < 1) throw new IllegalArgumentException("buffers must be > 0");
        if (receiveBuffer > (0xffff << 14)) throw new IllegalArgumentException("receiveBuffer above 1 GiB (RFC 7323 §2.3)");
        if (initialWindowSegments < 1) throw new IllegalArgumentException("initialWindowSegments " + initialWindowSegments);
        if (mss < 0 || mss > 0xffff) throw new IllegalArgumentException("mss " + mss);
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos || initialRtoNanos <= 0)
            throw new IllegalArgumentException("bad RTO bounds");
        if (delayedAckNanos < 0 || mslNanos < 0 || synRetries < 0 || maxRetries < 1)
            throw new IllegalArgumentException("negative timer or retry count");
    }

    public static TcpOptions defaults() {
        return new TcpOptions(false, 256 * 1024, 256 * 1024, SimTime.millis(200), 10, 0, true, true, false,
                SimTime.millis(200), SimTime.seconds(120), SimTime.seconds(1), SimTime.seconds(60), -1, 6, 15);
    }

    public TcpOptions withNoDelay(boolean v) { return new TcpOptions(v, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withSendBuffer(int v) { return new TcpOptions(noDelay, v, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withReceiveBuffer(int v) { return new TcpOptions(noDelay, sendBuffer, v, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withDelayedAckNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, v, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withInitialWindowSegments(int v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, v, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withMss(int v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, v, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withWindowScale(boolean v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, v, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withSack(boolean v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, v, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withTimestamps(boolean v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, v, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withMinRtoNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, v, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withMaxRtoNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, v, initialRtoNanos, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withInitialRtoNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, v, mslNanos, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withMslNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, v, lingerNanos, synRetries, maxRetries); }
    public TcpOptions withLingerNanos(long v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, v, synRetries, maxRetries); }
    public TcpOptions withSynRetries(int v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, v, maxRetries); }
    public TcpOptions withMaxRetries(int v) { return new TcpOptions(noDelay, sendBuffer, receiveBuffer, delayedAckNanos, initialWindowSegments, mss, windowScale, sack, timestamps, minRtoNanos, maxRtoNanos, initialRtoNanos, mslNanos, lingerNanos, synRetries, v); }
}
