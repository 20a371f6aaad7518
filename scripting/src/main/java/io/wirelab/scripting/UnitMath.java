package io.wirelab.scripting;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Exact conversion of a script number times a unit into a whole count (nanoseconds, bytes, bit/s). */
final class UnitMath {
    private UnitMath() {}

    /** n * unit, exact; rejects results that are not whole or do not fit in a long. */
    static long whole(Number n, long unit, String unitName, String baseName) {
        try {
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte)
                return Math.multiplyExact(n.longValue(), unit);
            if (n instanceof BigInteger big)
                return big.multiply(BigInteger.valueOf(unit)).longValueExact();
            BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            BigDecimal v = d.multiply(BigDecimal.valueOf(unit));
            if (v.stripTrailingZeros().scale() > 0)
                throw new IllegalArgumentException(n + " " + unitName + " is not a whole number of " + baseName);
            return v.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(n + " " + unitName + " is out of range");
        }
    }

    /** value / unit as a plain decimal without trailing zeros: 2012345 / 1000000 -> "2.012345". */
    static String decimal(long value, long unit) {
        return new BigDecimal(value).divide(new BigDecimal(unit)).stripTrailingZeros().toPlainString();
    }
}
