package io.wirelab.labs.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantities as lab files write them: a decimal number followed directly or after spaces by a unit.
 * Durations become nanoseconds, rates bits per second, sizes bytes (SI prefixes are powers of
 * 1000, IEC prefixes powers of 1024: KB = 1000 B, KiB = 1024 B), percentages a fraction in 0..1.
 * Case matters where it carries meaning (Mbps is bits, MB is bytes, m is minutes, ms milliseconds).
 */
public final class Units {
    public static final String DURATION_UNITS = "ns, us, ms, s, m, h";
    public static final String RATE_UNITS = "bps, kbps, Mbps, Gbps";
    public static final String SIZE_UNITS = "B, KB, MB, GB (1000) or KiB, MiB, GiB (1024)";

    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-zµ%]*)\\s*");

    private record Unit(String symbol, long factor) {}

    private static final List<Unit> DURATIONS = List.of(
            new Unit("ns", 1), new Unit("us", 1_000), new Unit("µs", 1_000), new Unit("ms", 1_000_000),
            new Unit("s", 1_000_000_000L), new Unit("m", 60_000_000_000L), new Unit("h", 3_600_000_000_000L));
    private static final List<Unit> RATES = List.of(
            new Unit("bps", 1), new Unit("kbps", 1_000), new Unit("Kbps", 1_000),
            new Unit("Mbps", 1_000_000), new Unit("Gbps", 1_000_000_000L));
    private static final List<Unit> SIZES = List.of(
            new Unit("B", 1), new Unit("KB", 1_000), new Unit("kB", 1_000), new Unit("MB", 1_000_000),
            new Unit("GB", 1_000_000_000L), new Unit("KiB", 1L << 10), new Unit("MiB", 1L << 20),
            new Unit("GiB", 1L << 30));

    private Units() {}

    /** Each duration unit and its nanoseconds, in the order above. */
    public static Map<String, Long> durationUnits() { return factors(DURATIONS); }

    /** Each rate unit and its bits per second. */
    public static Map<String, Long> rateUnits() { return factors(RATES); }

    /** Each size unit and its bytes (a bare whole number counts bytes too). */
    public static Map<String, Long> sizeUnits() { return factors(SIZES); }

    private static Map<String, Long> factors(List<Unit> units) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Unit u : units) m.put(u.symbol, u.factor);
        return Collections.unmodifiableMap(m);
    }

    /** "1ms", "1.5 s", "250us" -> nanoseconds. "0" alone is accepted. */
    public static long parseDuration(String text) {
        return parse(text, DURATIONS, "duration", DURATION_UNITS, "1ms");
    }

    /** "100Mbps", "1.5Gbps" -> bits per second. */
    public static long parseRate(String text) {
        return parse(text, RATES, "rate", RATE_UNITS, "100Mbps");
    }

    /** "1500B", "1MB" (10^6), "1MiB" (2^20) -> bytes. A bare integer counts bytes. */
    public static long parseSize(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) return parseExact(t, 1, text, "size", SIZE_UNITS, "1MB");
        return parse(text, SIZES, "size", SIZE_UNITS, "1MB");
    }

    /** "1%", "0.5 %" -> 0.01, 0.005. Must lie in 0..100%. */
    public static double parsePercent(String text) {
        Matcher m = QUANTITY.matcher(text);
        String hint = "write a percentage such as 1% or 0.5%";
        if (!m.matches() || !m.group(2).equals("%"))
            throw new UnitParseException("'" + text + "' is not a percentage", hint);
        BigDecimal v = new BigDecimal(m.group(1));
        if (v.compareTo(BigDecimal.valueOf(100)) > 0)
            throw new UnitParseException("'" + text + "' is more than 100%", hint);
        return v.movePointLeft(2).doubleValue();
    }

    private static long parse(String text, List<Unit> units, String what, String unitList, String example) {
        Matcher m = QUANTITY.matcher(text);
        String hint = "units: " + unitList + ", e.g. " + example;
        if (!m.matches()) throw new UnitParseException("'" + text + "' is not a " + what, hint);
        String symbol = m.group(2);
        if (symbol.isEmpty()) {
            if (new BigDecimal(m.group(1)).signum() == 0) return 0;
            throw new UnitParseException("'" + text + "' needs a unit", hint);
        }
        for (Unit u : units) {
            if (u.symbol.equals(symbol)) return parseExact(m.group(1), u.factor, text, what, unitList, example);
        }
        throw new UnitParseException("'" + text + "': unknown " + what + " unit '" + symbol + "'", hint);
    }

    private static long parseExact(String number, long factor, String text, String what, String unitList, String example) {
        try {
            return new BigDecimal(number).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new UnitParseException("'" + text + "' is too large for a " + what, "units: " + unitList + ", e.g. " + example);
        }
    }

    /** Formats nanoseconds with the largest unit that keeps an integer: 1000000 -> "1ms". */
    public static String formatDuration(long nanos) {
        return format(nanos, DURATIONS.stream().filter(u -> !u.symbol.equals("µs")).toList());
    }

    /** Formats bits per second: 100000000 -> "100Mbps". */
    public static String formatRate(long bps) {
        return format(bps, RATES.stream().filter(u -> !u.symbol.equals("Kbps")).toList());
    }

    private static String format(long value, List<Unit> units) {
        for (int i = units.size() - 1; i >= 0; i--) {
            Unit u = units.get(i);
            if (value != 0 && value % u.factor == 0) return value / u.factor + u.symbol;
        }
        return value + units.getFirst().symbol;
    }
}
