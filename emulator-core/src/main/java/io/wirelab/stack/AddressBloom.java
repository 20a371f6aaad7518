package io.wirelab.stack;

/**
 * A counting Bloom filter of 32-bit values (addresses, ports) with one hash and 64 buckets: mayHold()
 * is false only when no value added and not removed since falls in the value's bucket. Readers test one
 * long; the counts behind it are touched only by add() and remove().
 */
public final class AddressBloom {
    private long bits;
    private int[] counts;

    private static int bucket(int value) { return (value * 0x9E3779B1) >>> 26; }   // Fibonacci hashing: the top 6 bits

    public void add(int value) {
        if (counts == null) counts = new int[64];
        int b = bucket(value);
        counts[b]++;
        bits |= 1L << b;
    }

    /** Removes one value that was added. */
    public void remove(int value) {
        int b = bucket(value);
        if (counts == null || counts[b] == 0) throw new IllegalStateException(value + " was not added");
        if (--counts[b] == 0) bits &= ~(1L << b);
    }

    public boolean mayHold(int value) { return (bits & (1L << bucket(value))) != 0; }
}
