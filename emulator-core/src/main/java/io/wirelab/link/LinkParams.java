package io.wirelab.link;

/**
 * What one direction of a link does to frames. Zero bandwidth means infinitely fast; probabilities
 * are in [0, 1]. Defaults: 1 Gbit/s, no delay, no impairment, MTU 1500, a 1000-frame drop-tail queue
 * (Linux's default txqueuelen).
 */
public record LinkParams(long bandwidthBitsPerSecond, long delayNanos, long jitterNanos,
                         double loss, double duplicate, double reorder, long reorderDelayNanos,
                         double corrupt, int mtu, int queueFrames) {
    public static final LinkParams DEFAULT = new LinkParams(1_000_000_000L, 0, 0, 0, 0, 0, 1_000_000, 0, 1500, 1000);

    public LinkParams {
        if (bandwidthBitsPerSecond < 0) throw new IllegalArgumentException("bandwidth must not be negative");
        if (delayNanos < 0 || jitterNanos < 0 || reorderDelayNanos < 0) throw new IllegalArgumentException("delays must not be negative");
        checkProbability("loss", loss);
        checkProbability("duplicate", duplicate);
        checkProbability("reorder", reorder);
        checkProbability("corrupt", corrupt);
        if (mtu < 68 || mtu > 65535) throw new IllegalArgumentException("mtu " + mtu + " is not in 68..65535");
        if (queueFrames < 1) throw new IllegalArgumentException("queue must hold at least one frame");
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + " " + p + " is not a probability in 0..1");
    }

    public LinkParams withBandwidth(long bps) { return new LinkParams(bps, delayNanos, jitterNanos, loss, duplicate, reorder, reorderDelayNanos, corrupt, mtu, queueFrames); }
    public LinkParams withDelay(long ns) { return new LinkParams(bandwidthBitsPerSecond, ns, jitterNanos, loss, duplicate, reorder, reorderDelayNanos, corrupt, mtu, queueFrames); }
    public LinkParams withJitter(long ns) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, ns, loss, duplicate, reorder, reorderDelayNanos, corrupt, mtu, queueFrames); }
    public LinkParams withLoss(double p) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, p, duplicate, reorder, reorderDelayNanos, corrupt, mtu, queueFrames); }
    public LinkParams withDuplicate(double p) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, p, reorder, reorderDelayNanos, corrupt, mtu, queueFrames); }
    public LinkParams withReorder(double p, long extraDelayNs) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, duplicate, p, extraDelayNs, corrupt, mtu, queueFrames); }
    public LinkParams withCorrupt(double p) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, duplicate, reorder, reorderDelayNanos, p, mtu, queueFrames); }
    public LinkParams withMtu(int m) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, duplicate, reorder, reorderDelayNanos, corrupt, m, queueFrames); }
    public LinkParams withQueueFrames(int q) { return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, duplicate, reorder, reorderDelayNanos, corrupt, mtu, q); }

    /** Bytes on the wire besides the frame: preamble + SFD (8), FCS (4), inter-frame gap (12). IEEE 802.3. */
    public static final int WIRE_OVERHEAD_BYTES = 24;
    /** IEEE 802.3 minimum frame without FCS; shorter frames are padded by the sender. */
    public static final int MIN_FRAME_BYTES = 60;

    /** Time to clock a frame of this many bytes onto the wire, overhead included. */
    public long serializationNanos(int frameBytes) {
        if (bandwidthBitsPerSecond == 0) return 0;
        long bits = 8L * (Math.max(frameBytes, MIN_FRAME_BYTES) + WIRE_OVERHEAD_BYTES);
        return (bits * 1_000_000_000L + bandwidthBitsPerSecond - 1) / bandwidthBitsPerSecond;
    }
}
