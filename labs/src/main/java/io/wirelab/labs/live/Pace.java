package io.wirelab.labs.live;

import io.wirelab.sim.Simulator;
import io.wirelab.sim.WallClock;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a lab's virtual time passes against the wall clock: as fast as the machine can (the
 * default), "realtime" (one virtual second per wall second), or a rate such as "0.1x" (slow motion)
 * or "2x". Pacing only decides when events run, never what they do: the bytes stay the same.
 */
public record Pace(double rate) {
    public static final Pace FAST = new Pace(0);
    public static final double MIN_RATE = 0.001;
    public static final double MAX_RATE = 1000;
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)x");

    /** "realtime", "fast", or a rate "0.1x" ... "2x"; IllegalArgumentException with the accepted forms otherwise. */
    public static Pace parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("realtime") || t.equals("real-time")) return new Pace(1);
        if (t.equals("fast") || t.equals("max")) return FAST;
        Matcher m = RATE.matcher(t);
        if (!m.matches())
            throw new IllegalArgumentException("'" + text + "' is not a pace: use realtime, a rate such as 0.1x or 2x, or fast");
        double rate = Double.parseDouble(m.group(1));
        if (rate < MIN_RATE || rate > MAX_RATE)
            throw new IllegalArgumentException("'" + text + "' is out of range: a rate goes from " + fmt(MIN_RATE) + "x to " + fmt(MAX_RATE) + "x");
        return new Pace(rate);
    }

    public boolean isFast() { return rate == 0; }

    /** Paces sim to clock, unless this pace is FAST. */
    public void applyTo(Simulator sim, WallClock clock) {
        if (!isFast()) sim.pace(clock, rate);
    }

    @Override public String toString() { return isFast() ? "fast" : rate == 1 ? "realtime" : fmt(rate) + "x"; }

    private static String fmt(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }
}
