package io.wirelab.sim;

import java.util.function.BooleanSupplier;

/**
 * Paces a simulator to the wall clock at a rate: virtual time advances rate nanoseconds per wall
 * nanosecond (1 real time, 0.1 slow motion, 2 twice as fast). Unlike RealTime it takes no input
 * from outside, so a paced run's events and bytes are those of an unpaced run of the same seed.
 * When the lab falls behind (a slow machine, or time spent between runs such as at a console
 * prompt), pacing restarts from the event at hand instead of rushing to catch up.
 */
public final class Pacer {
    /** The longest single park, so a missed wake-up costs at most this long. */
    static final long MAX_PARK_NANOS = 100_000_000L;
    /** Lateness beyond which pacing restarts from the event at hand. */
    static final long RESTART_AFTER_LATE_NANOS = 100_000_000L;

    private final WallClock clock;
    private final double rate;
    private volatile Thread waiter;
    private boolean anchored;
    private long virtualAnchor;
    private long wallAnchor;

    Pacer(WallClock clock, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) throw new IllegalArgumentException("a pace must be a positive rate, not " + rate);
        this.clock = clock;
        this.rate = rate;
    }

    /** Virtual nanoseconds per wall nanosecond. */
    public double rate() { return rate; }

    public WallClock clock() { return clock; }

    void wake() {
        Thread t = waiter;
        if (t != null) clock.unpark(t);
    }

    private long wallFor(long virtualNanos) { return wallAnchor + (long) ((virtualNanos - virtualAnchor) / rate); }

    /**
     * Called by the simulator's loop: waits until the earliest event due by end is due on the paced
     * wall clock and returns it; returns null once the paced clock reaches end with nothing due, at
     * once when nothing is left to run before an endless end, or when a stop is requested.
     */
    Scheduled awaitNext(long now, long end, BooleanSupplier stopRequested, EventQueue queue) {
        Scheduled s = queue.peek();
        boolean due = s != null && s.at() <= end;
        if (!due && end == Long.MAX_VALUE) return null;
        long target = due ? s.at() : end;
        long wallNow = clock.nanoTime();
        if (!anchored || wallNow - wallFor(now) > RESTART_AFTER_LATE_NANOS) {
            anchored = true;
            virtualAnchor = now;
            wallAnchor = wallNow;
        }
        waiter = Thread.currentThread();
        try {
            for (long wait = wallFor(target) - clock.nanoTime(); wait > 0; wait = wallFor(target) - clock.nanoTime()) {
                if (stopRequested.getAsBoolean()) return null;
                clock.parkNanos(Math.min(wait, MAX_PARK_NANOS));
            }
        } finally {
            waiter = null;
        }
        return due && !stopRequested.getAsBoolean() ? s : null;
    }
}
