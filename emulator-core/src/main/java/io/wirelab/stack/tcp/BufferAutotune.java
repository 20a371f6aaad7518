package io.wirelab.stack.tcp;

/**
 * Buffer autotuning as Linux 6.12 does it, counting payload bytes only (no skb overhead, so
 * tcp_win_from_space is the identity): the receive buffer follows what the application reads per
 * RTT (tcp_rcv_space_adjust, "dynamic right-sizing"), the send buffer follows cwnd (tcp_sndbuf_expand).
 */
final class BufferAutotune {
    private final int receiveMax;
    private final int sendMax;
    private long space;                                        // Linux rcvq_space.space: bytes read in the best RTT so far
    private long readAtMeasure;                                // bytes read when the measurement started
    private long measureAtNanos;

    BufferAutotune(int receiveMax, int sendMax) {
        this.receiveMax = receiveMax;
        this.sendMax = sendMax;
    }

    /** Linux tcp_init_buffer_space: the first measurement expects min(receive buffer, 10 x advmss). */
    void start(int receiveBuffer, int advmss, long totalRead, long now) {
        space = Math.min(receiveBuffer, 10L * advmss);
        readAtMeasure = totalRead;
        measureAtNanos = now;
    }

    /**
     * After a read, at most once per RTT: if the application read more than in the best RTT so far,
     * rcvwin = 2 x copied + 16 x advmss, plus twice the growth ratio of it. Returns the new receive
     * buffer size, or 0 to keep the current one.
     */
    int onRead(long totalRead, long rttNanos, int advmss, int receiveBuffer, long now) {
        if (rttNanos <= 0 || now - measureAtNanos < rttNanos) return 0;
        long copied = totalRead - readAtMeasure;
        int grown = 0;
        if (copied > space) {
            long rcvwin = 2 * copied + 16L * advmss;
            rcvwin += 2 * (rcvwin * (copied - space) / space);
            long rcvbuf = Math.min(rcvwin, receiveMax);
            if (rcvbuf > receiveBuffer) grown = (int) rcvbuf;
            space = copied;
        }
        readAtMeasure = totalRead;
        measureAtNanos = now;
        return grown;
    }

    /** Linux tcp_sndbuf_expand: room for two windows of max(10 segments, cwnd), up to tcp_wmem[2]. */
    int sendBufferFor(long cwndBytes, int smss) {
        return (int) Math.min(sendMax, 2 * Math.max(10L * smss, cwndBytes));
    }
}
