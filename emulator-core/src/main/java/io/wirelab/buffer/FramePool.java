package io.wirelab.buffer;

/**
 * Frame arrays a stack's TCP builds its segments in, handed back once the one receiver of the frame is
 * done with it (Frame.recycle), so a bulk transfer reuses a few hundred arrays that stay in the cache
 * instead of allocating and zeroing one per segment (Linux's skb caches, lwIP's pbuf pools). Arrays
 * are kept by exact length, last in first out, at most DEPTH of each of BUCKETS lengths at once;
 * the rest are left to the garbage collector. Only arrays longer than the 60-byte Ethernet minimum are
 * kept: their users write every byte again, where a minimum frame would also need its padding zeroed.
 * One thread: a stack's pool is used only by its lab's simulation.
 */
public final class FramePool {
    public static final int BUCKETS = 4;
    public static final int DEPTH = 64;
    private static final int MIN_POOLED = 61;

    private final int[] lengths = new int[BUCKETS];
    private final int[] counts = new int[BUCKETS];
    private final byte[][][] arrays = new byte[BUCKETS][][];
    private long taken, reused, returned;

    /**
     * An array of exactly length bytes: one handed back earlier, its old bytes still in it (the caller
     * writes all of them), else a new zeroed one.
     */
    public byte[] take(int length) {
        taken++;
        for (int b = 0; b < BUCKETS; b++) {
            if (lengths[b] != length || counts[b] == 0) continue;
            reused++;
            byte[] a = arrays[b][--counts[b]];
            arrays[b][counts[b]] = null;
            return a;
        }
        return new byte[length];
    }

    /** Takes back an array nothing refers to any more; dropped when its length has no room. */
    void give(byte[] a) {
        int length = a.length;
        if (length < MIN_POOLED) return;
        int free = -1;
        for (int b = 0; b < BUCKETS; b++) {
            if (counts[b] > 0 && lengths[b] == length) { push(b, a); return; }
            if (counts[b] == 0 && free < 0) free = b;
        }
        if (free < 0) return;
        lengths[free] = length;
        push(free, a);
    }

    private void push(int b, byte[] a) {
        if (counts[b] == DEPTH) return;
        if (arrays[b] == null) arrays[b] = new byte[DEPTH][];
        arrays[b][counts[b]++] = a;
        returned++;
    }

    /** Arrays asked for. */
    public long taken() { return taken; }
    /** Of those, arrays handed back earlier and given out again. */
    public long reused() { return reused; }
    /** Arrays handed back and kept. */
    public long returned() { return returned; }
    /** Arrays waiting to be given out again. */
    public int held() {
        int n = 0;
        for (int c : counts) n += c;
        return n;
    }
}
