package io.wirelab.stack.tcp;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) of an 8- or 12-byte message, as Linux's siphash_1u64 and
 * siphash_3u32 (lib/siphash.c): a keyed hash far cheaper than SHA-256, for values that need a secret but no digest.
 */
final class SipHash {
    private SipHash() {}

    /** SipHash-2-4 with key (k0, k1) (the key's bytes read little-endian) of the 8 bytes of m, little-endian. */
    static long hash24(long k0, long k1, long m) {
        long[] v = init(k0, k1);
        compress(v, m);
        return finish(v, 8L << 56);                            // the last block: the message length in its top byte
    }

    /**
     * SipHash-2-4 with key (k0, k1) of 12 bytes: the 8 of m, then the 4 of last, both little-endian, as Linux's
     * siphash_3u32(a, b, c) with m = (u64)b << 32 | a and last = c.
     */
    static long hash24(long k0, long k1, long m, int last) {
        long[] v = init(k0, k1);
        compress(v, m);
        return finish(v, 12L << 56 | (last & 0xffffffffL));   // the last block: the 4 bytes left, the length in its top byte
    }

    private static long[] init(long k0, long k1) {
        return new long[] {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL,
                           k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
    }

    private static long finish(long[] v, long lastBlock) {
        compress(v, lastBlock);
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++) round(v);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }
}
