package io.wirelab.wire.tcp;

/**
 * TCP sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): a is "less than" b when the signed
 * 32-bit difference a - b is negative, which is correct while the two are less than 2^31 apart.
 */
public final class Seq {
    private Seq() {}

    public static boolean lt(int a, int b) { return a - b < 0; }
    public static boolean le(int a, int b) { return a - b <= 0; }
    public static boolean gt(int a, int b) { return a - b > 0; }
    public static boolean ge(int a, int b) { return a - b >= 0; }
    /** b - a as a signed distance. */
    public static int diff(int a, int b) { return b - a; }
    public static int max(int a, int b) { return gt(a, b) ? a : b; }
    public static int min(int a, int b) { return lt(a, b) ? a : b; }
    /** Whether lo <= x < hi in sequence space. */
    public static boolean inRange(int x, int lo, int hi) { return le(lo, x) && lt(x, hi); }
    public static long unsigned(int s) { return s & 0xffffffffL; }
}
