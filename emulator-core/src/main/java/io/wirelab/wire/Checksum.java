package io.wirelab.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum, RFC 1071: one's-complement sum of 16-bit words, folded and inverted. */
public final class Checksum {
    private Checksum() {}

    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Adds bytes to a running sum (not yet folded). An odd trailing byte is padded with zero. Reads 8
     * bytes at a time in the machine's order (x86 and ARM: little-endian, no byte swap per read) and adds
     * their two 32-bit halves: 2^16 = 1 in one's-complement arithmetic, so folding gives the same
     * result as 16-bit words, and the sum of byte-swapped words is the byte-swapped sum (RFC 1071 §2
     * (B) and (C)). The sum grows by less than 2^33 per 8 bytes, so a long cannot overflow for any
     * array length.
     */
    public static long add(long sum, byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        long swapped = 0;
        for (; i + 7 < end; i += 8) {
            long v = (long) LITTLE_ENDIAN_LONG.get(b, i);
            swapped += (v >>> 32) + (v & 0xffffffffL);
        }
        if (swapped != 0) {
            int s = fold16(swapped);
            sum += ((s & 0xff) << 8) | (s >>> 8);
        }
        if (i + 3 < end) { sum += Integer.toUnsignedLong((int) BIG_ENDIAN_INT.get(b, i)); i += 4; }
        for (; i + 1 < end; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < end) sum += (b[i] & 0xff) << 8;
        return sum;
    }

    /** Folds a running sum into the 16-bit one's-complement checksum (already inverted). */
    public static int finish(long sum) { return ~fold16(sum) & 0xffff; }

    private static int fold16(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) sum;
    }

    /** Checksum of a byte range; 0 over a range that includes a correct checksum field. */
    public static int fold(byte[] b, int offset, int length) { return finish(add(0, b, offset, length)); }

    /** The IPv4 pseudo-header sum used by UDP and TCP, RFC 768 and RFC 9293 §3.1. */
    public static long pseudoHeader(int source, int destination, int protocol, int length) {
        long sum = 0;
        sum += (source >>> 16) & 0xffff;
        sum += source & 0xffff;
        sum += (destination >>> 16) & 0xffff;
        sum += destination & 0xffff;
        sum += protocol & 0xff;
        sum += length & 0xffff;
        return sum;
    }
}
