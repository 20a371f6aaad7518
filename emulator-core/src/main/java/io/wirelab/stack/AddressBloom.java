package io.wirelab.stack;

import java.util.Arrays;

/**
 * A counting Bloom filter of 32-bit values (addresses, ports) with one hash and 64 buckets: mayHold()
 * is false only when no value added and not removed since falls in the value's bucket. Readers test one
 * long, bits(), which the filter also keeps written into the array slots it mirrors into (FloodSieveRows);
 * the counts behind it are touched only by add() and remove().
 */
public final class AddressBloom {
    private long bits;
    private int[] counts;
    private long[][] mirrors = new long[0][];
    private int[] mirrorSlots = new int[0];

    private static int bucket(int value) { return (value * 0x9E3779B1) >>> 26; }   // Fibonacci hashing: the top 6 bits

    /** mayHold(value) for a filter whose bits() are bits. */
    public static boolean mayHold(long bits, int value) { return (bits & (1L << bucket(value))) != 0; }

    public void add(int value) {
        if (counts == null) counts = new int[64];
        int b = bucket(value);
        counts[b]++;
        setBits(bits | 1L << b);
    }

    /** Removes one value that was added. */
    public void remove(int value) {
        int b = bucket(value);
        if (counts == null || counts[b] == 0) throw new IllegalStateException(value + " was not added");
        if (--counts[b] == 0) setBits(bits & ~(1L << b));
    }

    public boolean mayHold(int value) { return mayHold(bits, value); }

    public long bits() { return bits; }

    /** Keeps target[slot] equal to bits() from now on. */
    void mirrorInto(long[] target, int slot) {
        mirrors = Arrays.copyOf(mirrors, mirrors.length + 1);
        mirrorSlots = Arrays.copyOf(mirrorSlots, mirrorSlots.length + 1);
        mirrors[mirrors.length - 1] = target;
        mirrorSlots[mirrorSlots.length - 1] = slot;
        target[slot] = bits;
    }

    /** Stops what mirrorInto(target, slot) started. */
    void stopMirroring(long[] target, int slot) {
        for (int i = 0; i < mirrors.length; i++) {
            if (mirrors[i] != target || mirrorSlots[i] != slot) continue;
            int last = mirrors.length - 1;
            mirrors[i] = mirrors[last];
            mirrorSlots[i] = mirrorSlots[last];
            mirrors = Arrays.copyOf(mirrors, last);
            mirrorSlots = Arrays.copyOf(mirrorSlots, last);
            return;
        }
        throw new IllegalStateException("not mirrored there");
    }

    private void setBits(long b) {
        bits = b;
        for (int i = 0; i < mirrors.length; i++) mirrors[i][mirrorSlots[i]] = b;
    }
}
