package io.wirelab.link;

/**
 * What one direction of a link does to frames. Zero bandwidth means infinitely fast; probabilities
 * are in [0, 1]. Defaults: 1 Gbit/s, no delay, no impairment, MTU 1500, a 1000-frame drop-tail queue
 * (Linux's default txqueuelen).
 */
public record LinkParams(long bandwidthBitsPerSecond, long delayNanos, long jitterNanos,
                         double loss, double duplicate, double reorder, long reorderDelayNanos,
                         double corrupt, int mtu, int queueFrames) {
    public static final LinkParams DEFAULT = builder().build();

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

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() { return new Builder(); }

    /** A builder starting from these settings. */
    public Builder toBuilder() { return new Builder(this); }

    public LinkParams withBandwidth(long bps) { return toBuilder().bandwidth(bps).build(); }
    public LinkParams withDelay(long ns) { return toBuilder().delay(ns).build(); }
    public LinkParams withJitter(long ns) { return toBuilder().jitter(ns).build(); }
    public LinkParams withLoss(double p) { return toBuilder().loss(p).build(); }
    public LinkParams withDuplicate(double p) { return toBuilder().duplicate(p).build(); }
    public LinkParams withReorder(double p, long extraDelayNs) { return toBuilder().reorder(p).reorderDelay(extraDelayNs).build(); }
    public LinkParams withCorrupt(double p) { return toBuilder().corrupt(p).build(); }
    public LinkParams withMtu(int m) { return toBuilder().mtu(m).build(); }
    public LinkParams withQueueFrames(int q) { return toBuilder().queueFrames(q).build(); }

    /** Settings by name; starts from the defaults, so a caller names only what it changes. */
    public static final class Builder {
        private long bandwidthBitsPerSecond = 1_000_000_000L;
        private long delayNanos = 0;
        private long jitterNanos = 0;
        private double loss = 0;
        private double duplicate = 0;
        private double reorder = 0;
        private long reorderDelayNanos = 1_000_000;
        private double corrupt = 0;
        private int mtu = 1500;
        private int queueFrames = 1000;

        private Builder() {}

        private Builder(LinkParams p) {
            bandwidthBitsPerSecond = p.bandwidthBitsPerSecond;
            delayNanos = p.delayNanos;
            jitterNanos = p.jitterNanos;
            loss = p.loss;
            duplicate = p.duplicate;
            reorder = p.reorder;
            reorderDelayNanos = p.reorderDelayNanos;
            corrupt = p.corrupt;
            mtu = p.mtu;
            queueFrames = p.queueFrames;
        }

        public Builder bandwidth(long bps) { bandwidthBitsPerSecond = bps; return this; }
        public Builder delay(long ns) { delayNanos = ns; return this; }
        public Builder jitter(long ns) { jitterNanos = ns; return this; }
        public Builder loss(double p) { loss = p; return this; }
        public Builder duplicate(double p) { duplicate = p; return this; }
        /** The share of frames held back, and by how long (default 1 ms). */
        public Builder reorder(double p) { reorder = p; return this; }
        public Builder reorderDelay(long ns) { reorderDelayNanos = ns; return this; }
        public Builder corrupt(double p) { corrupt = p; return this; }
        public Builder mtu(int m) { mtu = m; return this; }
        public Builder queueFrames(int q) { queueFrames = q; return this; }

        public LinkParams build() {
            return new LinkParams(bandwidthBitsPerSecond, delayNanos, jitterNanos, loss, duplicate, reorder, reorderDelayNanos,
                    corrupt, mtu, queueFrames);
        }
    }

    /** Bytes on the wire besides the frame: preamble + SFD (8), FCS (4), inter-frame gap (12). IEEE 802.3. */
    public static final int WIRE_OVERHEAD_BYTES = 24;
    /** IEEE 802.3 minimum frame without FCS; shorter frames are padded by the sender. */
    public static final int MIN_FRAME_BYTES = 60;

    /** Time to clock a frame of this many bytes onto the wire, overhead included. */
    public long serializationNanos(int frameBytes) { return serializationNanos(bandwidthBitsPerSecond, frameBytes); }

    /** As serializationNanos(frameBytes) at this bandwidth (0: infinitely fast). */
    static long serializationNanos(long bandwidthBitsPerSecond, int frameBytes) {
        if (bandwidthBitsPerSecond == 0) return 0;
        long bits = 8L * (Math.max(frameBytes, MIN_FRAME_BYTES) + WIRE_OVERHEAD_BYTES);
        return (bits * 1_000_000_000L + bandwidthBitsPerSecond - 1) / bandwidthBitsPerSecond;
    }

    /** No loss, duplication, reordering, corruption or jitter: what a frame meets depends on the queue alone. */
    boolean unimpaired() { return loss == 0 && duplicate == 0 && reorder == 0 && corrupt == 0 && jitterNanos == 0; }
}
