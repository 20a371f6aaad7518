package io.wirelab.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutation of byte strings, AFL-style: bit flips, interesting values (0, 1, 0x7f, 0x80, 0xff,
 * 0xffff, lengths off by one) written as 8/16/32-bit fields, arithmetic on fields, block deletion,
 * duplication and insertion, truncation, and splicing with another seed. The same seed gives the
 * same sequence of inputs, so a failure is reproduced by its iteration number.
 */
public final class Mutator {
    private static final int[] INTERESTING_8 = {0, 1, 0x7f, 0x80, 0xff, 0x40, 0x45, 0x10, 0x20};
    private static final int[] INTERESTING_16 = {0, 1, 0x7fff, 0x8000, 0xffff, 0x0800, 0x0806, 20, 60, 576, 1500, 1501, 65535};
    private static final int[] INTERESTING_32 = {0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x0A0D_0D0A, 0x1A2B_3C4D, 16 << 20};

    private final SplittableRandom random;
    private final List<byte[]> corpus;

    public Mutator(long seed, List<byte[]> corpus) {
        if (corpus.isEmpty()) throw new IllegalArgumentException("a mutator needs at least one seed input");
        this.random = new SplittableRandom(seed);
        this.corpus = corpus;
    }

    public SplittableRandom random() { return random; }

    /** A corpus entry picked at random, mutated 1 to 8 times (never the corpus bytes themselves). */
    public byte[] next() { return mutate(corpus.get(random.nextInt(corpus.size()))); }

    public byte[] mutate(byte[] input) {
        byte[] b = input.clone();
        for (int n = 1 + random.nextInt(random.nextInt(8) + 1); n > 0; n--) b = once(b);
        return b;
    }

    private byte[] once(byte[] b) {
        if (b.length == 0) return new byte[] {(byte) random.nextInt(256)};
        int at = random.nextInt(b.length);
        switch (random.nextInt(12)) {
            case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> b[at] = (byte) INTERESTING_8[random.nextInt(INTERESTING_8.length)];
            case 2 -> { if (at + 2 <= b.length) put(b, at, 2, INTERESTING_16[random.nextInt(INTERESTING_16.length)]); }
            case 3 -> { if (at + 4 <= b.length) put(b, at, 4, INTERESTING_32[random.nextInt(INTERESTING_32.length)]); }
            case 4 -> b[at] = (byte) (b[at] + random.nextInt(-35, 36));
            case 5 -> { if (at + 2 <= b.length) put(b, at, 2, get16(b, at) + random.nextInt(-35, 36)); }
            case 6 -> b[at] = (byte) random.nextInt(256);
            case 7 -> { return Arrays.copyOf(b, random.nextInt(b.length + 1)); }                  // truncate
            case 8 -> {                                                                                  // delete a block
                int len = 1 + random.nextInt(Math.min(64, b.length - at));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
            case 9 -> {                                                                                  // insert random or copied bytes
                int len = 1 + random.nextInt(64);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                boolean copy = random.nextBoolean();
                for (int i = 0; i < len; i++) out[at + i] = copy ? b[(at + i) % b.length] : (byte) random.nextInt(256);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            case 10 -> {                                                                                 // splice with another input
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = random.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(b, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            default -> {                                                                                 // overwrite a run with one value
                int len = 1 + random.nextInt(Math.min(32, b.length - at));
                Arrays.fill(b, at, at + len, (byte) INTERESTING_8[random.nextInt(INTERESTING_8.length)]);
            }
        }
        return b;
    }

    private void put(byte[] b, int at, int width, long v) {
        boolean little = random.nextInt(4) == 0;
        for (int i = 0; i < width; i++) b[at + (little ? i : width - 1 - i)] = (byte) (v >>> (8 * i));
    }

    private static int get16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }
}
