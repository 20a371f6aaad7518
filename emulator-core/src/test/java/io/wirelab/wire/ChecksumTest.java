package io.wirelab.wire;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumTest {
    /** RFC 1071 §3's worked example: the sum of 0001 f203 f4f5 f6f7 folds to ddf2. */
    @Test void rfc1071_3_example() {
        byte[] b = Hex.bytes("00 01 f2 03 f4 f5 f6 f7");
        assertThat(Checksum.fold(b, 0, b.length)).isEqualTo(~0xddf2 & 0xffff);
    }

    /** The 8-byte fast path must equal a plain 16-bit one's-complement sum, at any offset and length. */
    @Test void wideWords_equalSixteenBitReference_forEveryOffsetAndLength() {
        SplittableRandom r = new SplittableRandom(1071);
        byte[] b = new byte[300];
        for (int round = 0; round < 50; round++) {
            r.nextBytes(b);
            for (int off = 0; off < 8; off++)
                for (int len = 0; len + off <= b.length; len += 1 + r.nextInt(7))
                    assertThat(Checksum.fold(b, off, len)).as("off %d len %d", off, len).isEqualTo(reference(b, off, len));
        }
    }

    @Test void allOnesWords_neverOverflowTheRunningSum() {
        byte[] b = new byte[65_536];
        java.util.Arrays.fill(b, (byte) 0xff);
        assertThat(Checksum.fold(b, 0, b.length)).isZero();
        assertThat(Checksum.finish(Checksum.add(Checksum.add(0, b, 0, b.length), b, 0, b.length))).isZero();
    }

    private static int reference(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff, lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
