package io.wirelab.sim;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Real-time mode of a Simulator: events run no earlier than their virtual time on the wall clock
 * (virtual time advances one nanosecond per wall nanosecond from the moment the simulator first
 * runs in this mode), and other threads hand work to the simulator through post(), the only
 * cross-thread path. A posted action runs as an event at the virtual time of its posting (never
 * before the current time), so frames from a real interface and lab events share one timeline.
 * An Outside (the bridges' real interfaces) is served by the simulator thread itself: it waits on
 * the interfaces instead of parking, and exchanges frames with them between events.
 */
public final class RealTime {
    /** The longest single park, so a missed wake-up costs at most this long. */
    static final long MAX_PARK_NANOS = 100_000_000L;
    /** While events are due back to back, the outside is served at least this often. */
    static final long EXCHANGE_EVERY_NANOS = 1_000_000L;
    /** Stretches behind the wall clock kept for the end of a run (the worst first). */
    static final int KEPT_STRETCHES = 5;
    /** A frame wait longer than this is a clock step, not a wait. */
    static final long MAX_CREDIBLE_FRAME_WAIT_NANOS = 10_000_000_000L;

    /** Real interfaces the simulator thread serves itself. All methods but wake() run on the simulator thread. */
    public interface Outside {
        /** Sends what the lab queued for the outside (the simulator has caught up). */
        void flush();
        /** Sends what the lab queued for the outside and takes in what waits there, without blocking. */
        void exchange();
        /** Blocks until something arrives outside, wake() is called, or nanos pass; then takes in what arrived. */
        void await(long nanos);
        /** Any thread: ends an await early (or makes the next one return at once). */
        void wake();
    }

    private record Posted(long wallNanos, Runnable action) {}

    private final Simulator sim;
    private final EventQueue queue;
    private final WallClock clock;
    private final ConcurrentLinkedQueue<Posted> inbox = new ConcurrentLinkedQueue<>();
    private volatile Thread waiter;
    private volatile Outside outside;
    private long lastExchange;
    private boolean anchored;
    private long virtualAnchor;
    private long wallAnchor;
    private long posted;
    private final LateStretches late = new LateStretches(KEPT_STRETCHES);
    private long framesWaited;
    private long longestFrameWait;
    private long longestFrameWaitTakenAt;

    RealTime(Simulator sim, EventQueue queue, WallClock clock) {
        this.sim = sim;
        this.queue = queue;
        this.clock = clock;
    }

    public WallClock clock() { return clock; }

    /** The outside the simulator thread serves, or null. */
    public Outside outside() { return outside; }

    /** Simulator thread (or no run active): the outside to serve from now on; null for none. */
    public void serve(Outside o) { outside = o; }

    /** Any thread: runs action on the simulator thread as soon as the simulator runs. */
    public void post(Runnable action) {
        inbox.add(new Posted(clock.nanoTime(), action));
        wake();
    }

    /** Actions posted so far and run (or scheduled) by the simulator. Simulator thread only. */
    public long postedActions() { return posted; }

    /** The largest delay seen between an event's virtual time and the wall time it ran at. */
    public long maxLatenessNanos() { return late.maxLateNanos(); }

    /**
     * Simulator thread: a frame from outside waited nanos between its capture and the loop taking it in (a
     * wait the lateness of events does not see: it is due from when it is taken in). Readings of a clock
     * stepped since (negative, or over 10 s) are left out.
     */
    public void frameWaited(long nanos) {
        if (nanos < 0 || nanos > MAX_CREDIBLE_FRAME_WAIT_NANOS) return;
        framesWaited++;
        if (nanos <= longestFrameWait) return;
        longestFrameWait = nanos;
        longestFrameWaitTakenAt = sim.now();
    }

    /** Frames whose wait before being taken in is known (frameWaited). */
    public long framesWaited() { return framesWaited; }

    /** The longest such wait, 0 before any. */
    public long longestFrameWaitNanos() { return longestFrameWait; }

    /** The lab time at which the frame that waited longest was taken in. */
    public long longestFrameWaitTakenAtNanos() { return longestFrameWaitTakenAt; }

    /** The worst stretches run behind the wall clock, with the event that ran latest in each. */
    public List<LateStretches.Stretch> worstStretches() { return late.worst(); }

    /**
     * Before the run: each stretch behind the wall clock also records the simulator thread's CPU time
     * (threadCpuNanos is read on that thread) and the garbage collections that ended in it (collectionCount: so far).
     */
    public void measureStretches(LongSupplier threadCpuNanos, LongSupplier collectionCount) {
        late.measure(threadCpuNanos, collectionCount);
    }

    /** Simulator thread: the virtual time that corresponds to the wall clock now (the current time before the first run). */
    public long virtualNow() { return anchored ? toVirtual(clock.nanoTime()) : sim.now(); }

    private long toVirtual(long wallNanos) { return virtualAnchor + (wallNanos - wallAnchor); }

    /** Simulator thread: whether an event is due on the wall clock now, so the simulator is behind. */
    public boolean isBehind() {
        Scheduled s = queue.peek();
        return s != null && anchored && s.at() <= toVirtual(clock.nanoTime());
    }

    void wake() {
        Thread t = waiter;
        if (t == null) return;
        clock.unpark(t);
        Outside o = outside;
        if (o != null) o.wake();
    }

    /**
     * Called by the simulator's loop: schedules posted actions, then waits until the earliest event is
     * due on the wall clock and returns it, or returns null once the wall clock reaches end with
     * nothing due before it, or when a stop is requested.
     */
    Scheduled awaitNext(long end, java.util.function.BooleanSupplier stopRequested) {
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
                long wallNow = clock.nanoTime();
                long wallV = toVirtual(wallNow);
                Outside o = outside;
                if (s != null && s.at() <= end && s.at() <= wallV) {
                    late.ran(s, wallV - s.at(), wallNow);
                    if (o != null && wallNow - lastExchange >= EXCHANGE_EVERY_NANOS) {
                        lastExchange = wallNow;
                        o.exchange();       // frames it takes in come after s: they are due no earlier than wallV
                    }
                    return s;
                }
                late.caughtUp(wallNow);
                if (o != null) o.flush();
                if (stopRequested.getAsBoolean()) return null;
                long target = s == null ? end : Math.min(s.at(), end);
                if (target <= wallV) return null;
                if (!inbox.isEmpty()) continue;
                long nanos = Math.min(target - wallV, MAX_PARK_NANOS);
                if (o != null) o.await(nanos);
                else clock.parkNanos(nanos);
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
