package io.wirelab.sim;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Real-time mode of a Simulator: events run no earlier than their virtual time on the wall clock
 * (virtual time advances one nanosecond per wall nanosecond from the moment the simulator first
 * runs in this mode), and other threads hand work to the simulator through post(), the only
 * cross-thread path. A posted action runs as an event at the virtual time of its posting (never
 * before the current time), so frames from a real interface and lab events share one timeline.
 */
public final class RealTime {
    /** The longest single park, so a missed wake-up costs at most this long. */
    static final long MAX_PARK_NANOS = 100_000_000L;

    private record Posted(long wallNanos, Runnable action) {}

    private final Simulator sim;
    private final WallClock clock;
    private final ConcurrentLinkedQueue<Posted> inbox = new ConcurrentLinkedQueue<>();
    private volatile Thread waiter;
    private boolean anchored;
    private long virtualAnchor;
    private long wallAnchor;
    private long posted;
    private long lateNanosMax;

    RealTime(Simulator sim, WallClock clock) {
        this.sim = sim;
        this.clock = clock;
    }

    public WallClock clock() { return clock; }

    /** Any thread: runs action on the simulator thread as soon as the simulator runs. */
    public void post(Runnable action) {
        inbox.add(new Posted(clock.nanoTime(), action));
        Thread t = waiter;
        if (t != null) clock.unpark(t);
    }

    /** Actions posted so far and run (or scheduled) by the simulator. Simulator thread only. */
    public long postedActions() { return posted; }

    /** The largest delay seen between an event's virtual time and the wall time it ran at. */
    public long maxLatenessNanos() { return lateNanosMax; }

    /** Simulator thread: the virtual time that corresponds to the wall clock now (the current time before the first run). */
    public long virtualNow() { return anchored ? toVirtual(clock.nanoTime()) : sim.now(); }

    private long toVirtual(long wallNanos) { return virtualAnchor + (wallNanos - wallAnchor); }

    void wake() {
        Thread t = waiter;
        if (t != null) clock.unpark(t);
    }

    /**
     * Called by the simulator's loop: schedules posted actions, then waits until the earliest event is
     * due on the wall clock and returns it, or returns null once the wall clock reaches end with
     * nothing due before it, or when a stop is requested.
     */
    Scheduled awaitNext(long end, java.util.function.BooleanSupplier stopRequested, EventQueue queue) {
        if (!anchored) {
            anchored = true;
            virtualAnchor = sim.now();
            wallAnchor = clock.nanoTime();
        }
        waiter = Thread.currentThread();
        try {
            while (true) {
                drainInbox();
                Scheduled s = queue.peek();
                long wallV = toVirtual(clock.nanoTime());
                if (s != null && s.at() <= end && s.at() <= wallV) {
                    lateNanosMax = Math.max(lateNanosMax, wallV - s.at());
                    return s;
                }
                if (stopRequested.getAsBoolean()) return null;
                long target = s == null ? end : Math.min(s.at(), end);
                if (target <= wallV) return null;
                if (!inbox.isEmpty()) continue;
                clock.parkNanos(Math.min(target - wallV, MAX_PARK_NANOS));
            }
        } finally {
            waiter = null;
        }
    }

    private void drainInbox() {
        for (Posted p = inbox.poll(); p != null; p = inbox.poll()) {
            posted++;
            sim.at(Math.max(sim.now(), toVirtual(p.wallNanos())), p.action());
        }
    }
}
