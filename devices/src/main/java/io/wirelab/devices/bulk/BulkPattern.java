package io.wirelab.devices.bulk;

import java.util.Arrays;

/**
 * The bytes a bulk sender writes: a repeating, position-dependent pattern, so any reordering shows.
 * The pattern repeats every 65,536 bytes (its low byte depends on position mod 256, its high term on
 * position / 256 mod 256), so fill and count copy from and compare against one precomputed period.
 */
final class BulkPattern {
    private BulkPattern() {}

    private static final int PERIOD = 1 << 16;
    private static final byte[] ONE_PERIOD = new byte[PERIOD];
    static {
        for (int i = 0; i < PERIOD; i++) ONE_PERIOD[i] = at(i);
    }

    static byte at(long position) { return (byte) (position * 31 + (position >>> 8)); }

    static void fill(byte[] b, int off, int len, long position) {
        for (int done = 0; done < len; ) {
            int from = (int) ((position + done) & (PERIOD - 1));
            int n = Math.min(len - done, PERIOD - from);
            System.arraycopy(ONE_PERIOD, from, b, off + done, n);
            done += n;
        }
    }

    /** How many of b[off, off + len) differ from the pattern at position. */
    static long mismatches(byte[] b, int off, int len, long position) {
        long count = 0;
        for (int done = 0; done < len; ) {
            int from = (int) ((position + done) & (PERIOD - 1));
            int n = Math.min(len - done, PERIOD - from);
            int at = 0;
            while (at < n) {
                int m = Arrays.mismatch(b, off + done + at, off + done + n, ONE_PERIOD, from + at, from + n);
                if (m < 0) break;
                count++;
                at += m + 1;
            }
            done += n;
        }
        return count;
    }
}
