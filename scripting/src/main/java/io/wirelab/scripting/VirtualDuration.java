package io.wirelab.scripting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import io.wirelab.labs.units.Units;

/**
 * A span of virtual time in nanoseconds, as scripts write it ({@code 100.ms}, {@code 1.5.s}).
 * Prints in the largest unit that keeps it readable, to two decimals ("100 ms", "1.5 s", "2.01 ms"; {@link #exact} keeps every digit). Supports
 * Groovy operators: {@code +}, {@code -}, {@code * n}, {@code / n}, comparisons.
 */
public record VirtualDuration(long nanos) implements Comparable<VirtualDuration> {
    public static final VirtualDuration ZERO = new VirtualDuration(0);
    static final long NS = 1, US = 1_000, MS = 1_000_000, S = 1_000_000_000L, MIN = 60 * S, H = 60 * MIN;

    public static VirtualDuration ofNanos(long nanos) { return new VirtualDuration(nanos); }
    public static VirtualDuration of(Number amount, String unit) {
        return new VirtualDuration(UnitMath.whole(amount, unitNanos(unit), unit, "nanoseconds"));
    }

    /** Parses a duration the way lab files write it ("2s", "500ms", "1.5 s", "5m"); see labs' Units. */
    public static VirtualDuration parse(String text) { return new VirtualDuration(Units.parseDuration(text)); }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> NS;
            case "us", "µs" -> US;
            case "ms" -> MS;
            case "s", "sec" -> S;
            case "min", "m" -> MIN;
            case "h" -> H;
            default -> throw new IllegalArgumentException("unknown time unit '" + unit + "'");
        };
    }

    public long toNanos() { return nanos; }
    public long getNanos() { return nanos; }
    public double toMillis() { return nanos / 1e6; }
    public double toSeconds() { return nanos / 1e9; }
    public Duration toDuration() { return Duration.ofNanos(nanos); }

    public VirtualDuration plus(VirtualDuration other) { return new VirtualDuration(Math.addExact(nanos, other.nanos)); }
    public VirtualDuration minus(VirtualDuration other) { return new VirtualDuration(Math.subtractExact(nanos, other.nanos)); }
    public VirtualDuration multiply(Number factor) { return new VirtualDuration(UnitMath.whole(factor, nanos, "x " + this, "nanoseconds")); }
    public VirtualDuration div(Number divisor) {
        BigDecimal q = new BigDecimal(nanos).divide(new BigDecimal(divisor.toString()), MathContext.DECIMAL128);
        return new VirtualDuration(q.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
    }
    /** The ratio of two durations, e.g. {@code rtt / 1.ms}. */
    public BigDecimal div(VirtualDuration other) {
        return new BigDecimal(nanos).divide(new BigDecimal(other.nanos), MathContext.DECIMAL64);
    }
    public VirtualDuration negative() { return new VirtualDuration(Math.negateExact(nanos)); }

    @Override public int compareTo(VirtualDuration o) { return Long.compare(nanos, o.nanos); }

    /** Readable: the largest unit that keeps the number at least 1, at most two decimals ("204.02 ms", "9.46 s", "1 us"). */
    @Override public String toString() {
        long a = Math.abs(nanos);
        if (a == 0) return "0 s";
        if (a >= MIN && a % MIN == 0) return a >= H && a % H == 0 ? UnitMath.decimal(nanos, H) + " h" : UnitMath.decimal(nanos, MIN) + " min";
        long[] units = {S, MS, US};
        String[] names = {" s", " ms", " us"};
        for (int i = 0; i < units.length; i++) {
            if (a < units[i]) continue;
            BigDecimal v = new BigDecimal(nanos).divide(new BigDecimal(units[i])).setScale(2, java.math.RoundingMode.HALF_UP);
            if (i > 0 && v.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) v = new BigDecimal(nanos).divide(new BigDecimal(units[--i])).setScale(2, java.math.RoundingMode.HALF_UP);
            return v.stripTrailingZeros().toPlainString() + names[i];
        }
        return nanos + " ns";
    }

    /** Every digit, in the largest unit that keeps the number at least 1 ("2.012345 ms"); for lab times. */
    public String exact() {
        long a = Math.abs(nanos);
        if (a == 0) return "0 s";
        if (a >= S) return UnitMath.decimal(nanos, S) + " s";
        if (a >= MS) return UnitMath.decimal(nanos, MS) + " ms";
        if (a >= US) return UnitMath.decimal(nanos, US) + " us";
        return nanos + " ns";
    }
}
