package io.wirelab.sim;

/** Virtual time is a long count of nanoseconds since lab start. These helpers build and print it. */
public final class SimTime {
    public static final long NS = 1;
    public static final long US = 1_000;
    public static final long MS = 1_000_000;
    public static final long SECOND = 1_000_000_000;

    private SimTime() {}

    public static long micros(long n) { return n * US; }
    public static long millis(long n) { return n * MS; }
    public static long seconds(long n) { return n * SECOND; }
    public static long seconds(double n) { return Math.round(n * SECOND); }

    /** "1.234567890" seconds, nine digits, the way tshark prints nanosecond captures. */
    public static String format(long nanos) {
        return String.format("%d.%09d", nanos / SECOND, nanos % SECOND);
    }

    /** Short human form: "850 ns", "12.5 us", "2.013 ms", "1.500 s". */
    public static String human(long nanos) {
        if (nanos < US) return nanos + " ns";
        if (nanos < MS) return String.format("%.1f us", nanos / 1e3);
        if (nanos < SECOND) return String.format("%.3f ms", nanos / 1e6);
        return String.format("%.3f s", nanos / 1e9);
    }
}
