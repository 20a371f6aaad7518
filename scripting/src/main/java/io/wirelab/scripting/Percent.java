package io.wirelab.scripting;

import java.math.BigDecimal;

/** A share written as a percentage ({@code 5.percent}, 0..100); prints "5%". */
public record Percent(BigDecimal value) {
    public Percent {
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0)
            throw new IllegalArgumentException(value.toPlainString() + "% is not in 0..100%");
    }

    /** The share as a probability in 0..1. */
    public double fraction() { return value.movePointLeft(2).doubleValue(); }

    @Override public String toString() { return value.stripTrailingZeros().toPlainString() + "%"; }
}
