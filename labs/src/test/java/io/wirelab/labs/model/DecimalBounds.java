package io.wirelab.labs.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Regular expressions for decimal numbers (ASCII digits, an optional fraction) at most or at least
 * a bound, so docs/lab.schema.json can state a key's range for values written with units
 * ("receive-buffer: 1GiB" is 1073741824 B, over the bound). Leading zeros are allowed, as the
 * reader allows them in quantities.
 */
final class DecimalBounds {
    private static final String FRACTION = "(\\.[0-9]+)?";

    private DecimalBounds() {}

    /** Numbers whose value is at most bound (bound >= 0). */
    static String atMost(BigDecimal bound) {
        String[] parts = split(bound);
        String whole = parts[0], fraction = parts[1];
        List<String> alternatives = new ArrayList<>();
        String less = wholeBelow(whole);
        if (less != null) alternatives.add("(" + less + ")" + FRACTION);
        alternatives.add(whole + (fraction.isEmpty() ? "(\\.0+)?" : "(\\.(" + fractionAtMost(fraction) + "))?"));
        return "0*(" + String.join("|", alternatives) + ")";
    }

    /** Numbers whose value is at least bound (bound >= 0). */
    static String atLeast(BigDecimal bound) {
        String[] parts = split(bound);
        String whole = parts[0], fraction = parts[1];
        List<String> alternatives = new ArrayList<>();
        alternatives.add("(" + wholeAbove(whole) + ")" + FRACTION);
        alternatives.add(whole + (fraction.isEmpty() ? FRACTION : "\\.(" + fractionAtLeast(fraction) + ")"));
        return "0*(" + String.join("|", alternatives) + ")";
    }

    /** The whole part without leading zeros, and the fraction's digits without trailing zeros. */
    private static String[] split(BigDecimal bound) {
        if (bound.signum() < 0) throw new IllegalArgumentException("negative bound " + bound);
        String plain = bound.stripTrailingZeros().toPlainString();
        int dot = plain.indexOf('.');
        return dot < 0 ? new String[] {plain, ""} : new String[] {plain.substring(0, dot), plain.substring(dot + 1)};
    }

    /** Whole numbers (no leading zeros, or "0") below n; null when there are none. */
    private static String wholeBelow(String n) {
        if (n.equals("0")) return null;
        List<String> alternatives = new ArrayList<>();
        int len = n.length();
        if (len > 1) alternatives.add("[0-9]");
        for (int k = 2; k < len; k++) alternatives.add("[1-9][0-9]{" + (k - 1) + "}");
        for (int i = 0; i < len; i++) {
            int lowest = i == 0 && len > 1 ? 1 : 0;
            int digit = n.charAt(i) - '0';
            if (digit - 1 < lowest) continue;
            alternatives.add(n.substring(0, i) + range(lowest, digit - 1) + rest(len - i - 1));
        }
        return String.join("|", alternatives);
    }

    /** Whole numbers (no leading zeros) above n. */
    private static String wholeAbove(String n) {
        int len = n.length();
        List<String> alternatives = new ArrayList<>();
        alternatives.add("[1-9][0-9]{" + len + ",}");
        for (int i = 0; i < len; i++) {
            int digit = n.charAt(i) - '0';
            if (digit == 9) continue;
            alternatives.add(n.substring(0, i) + range(digit + 1, 9) + rest(len - i - 1));
        }
        return String.join("|", alternatives);
    }

    /** Non-empty fraction digits f with 0.f <= 0.d (d without trailing zeros). */
    private static String fractionAtMost(String d) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < d.length(); i++) {
            int digit = d.charAt(i) - '0';
            if (i > 0) alternatives.add(d.substring(0, i) + "0*");
            if (digit > 0) alternatives.add(d.substring(0, i) + range(0, digit - 1) + "[0-9]*");
        }
        alternatives.add(d + "0*");
        return String.join("|", alternatives);
    }

    /** Fraction digits f with 0.f >= 0.d (d non-empty, without trailing zeros). */
    private static String fractionAtLeast(String d) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < d.length(); i++) {
            int digit = d.charAt(i) - '0';
            if (digit < 9) alternatives.add(d.substring(0, i) + range(digit + 1, 9) + "[0-9]*");
        }
        alternatives.add(d + "[0-9]*");
        return String.join("|", alternatives);
    }

    private static String range(int from, int to) { return from == to ? Integer.toString(from) : "[" + from + "-" + to + "]"; }

    private static String rest(int digits) { return digits == 0 ? "" : "[0-9]{" + digits + "}"; }
}
