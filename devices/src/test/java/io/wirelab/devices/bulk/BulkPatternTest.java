package io.wirelab.devices.bulk;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BulkPatternTest {
    /** fill equals the byte-by-byte pattern at any position, across the 65,536-byte period boundary too. */
    @Test void fill_equalsThePatternByteByByte_acrossThePeriod() {
        SplittableRandom r = new SplittableRandom(16);
        byte[] b = new byte[200_000];
        for (int round = 0; round < 50; round++) {
            long position = round == 0 ? 65_530 : r.nextLong(0, 1L << 40);
            int off = r.nextInt(100), len = r.nextInt(b.length - off);
            BulkPattern.fill(b, off, len, position);
            byte[] expected = new byte[len];
            for (int i = 0; i < len; i++) expected[i] = BulkPattern.at(position + i);
            assertThat(Arrays.copyOfRange(b, off, off + len)).isEqualTo(expected);
            assertThat(BulkPattern.mismatches(b, off, len, position)).isZero();
        }
    }

    @Test void mismatches_countsEveryDifferingByte() {
        byte[] b = new byte[140_000];
        long position = 1_000_003;
        BulkPattern.fill(b, 0, b.length, position);
        int[] flipped = {0, 1, 2, 65_535, 65_536, 65_537, 99_999, 139_999};
        for (int i : flipped) b[i] ^= 1;
        assertThat(BulkPattern.mismatches(b, 0, b.length, position)).isEqualTo(flipped.length);
        assertThat(BulkPattern.mismatches(b, 3, 10, position + 3)).isZero();
    }
}
