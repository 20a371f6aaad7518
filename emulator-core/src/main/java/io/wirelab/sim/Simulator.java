package io.wirelab.sim;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A discrete-event simulator on one thread with a nanosecond virtual clock. Events run in
 * (time, sequence) order, so events at equal times run in the order they were scheduled.
 */
public final class Simulator {
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.at(), b.at());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    });
    private final long seed;
    private long now;
    private long nextSeq;
    private long executed;
    private volatile boolean stopRequested;
    private RealTime realTime;

    public Simulator(long seed) { this.seed = seed; }

    public long now() { return now; }
    public long seed() { return seed; }
    public long eventsExecuted() { return executed; }
    public int pendingEvents() { return queue.size(); }

    /** A random stream for one named component, derived from the lab seed. */
    public SimRandom random(String component) { return SimRandom.derive(seed, component); }

    public Scheduled at(long atNanos, Runnable action) {
        if (atNanos < now)
            throw new IllegalArgumentException("cannot schedule in the past: " + atNanos + " < " + now);
        Scheduled s = new Scheduled(atNanos, nextSeq++, action);
        queue.add(s);
        return s;
    }

    public Scheduled after(long delayNanos, Runnable action) {
        if (delayNanos < 0) throw new IllegalArgumentException("negative delay " + delayNanos);
        return at(now + delayNanos, action);
    }

    public Timer newTimer(LongConsumer onFire) { return new Timer(this, onFire); }

    /**
     * Asks the running loop to return after the current event (used by interrupts in the console).
     * A request made while no run is active stops the next run before its first event; the run that
     * stops consumes it. Safe from any thread.
     */
    public void requestStop() {
        stopRequested = true;
        RealTime rt = realTime;
        if (rt != null) rt.wake();
    }

    /** Drops a stop request no run has consumed yet (the console calls it before each new input). */
    public void clearStopRequest() { stopRequested = false; }

    /** Whether a stop was requested and no run has consumed it yet. */
    public boolean isStopRequested() { return stopRequested; }

    /** True once per request: the run that sees it returns and the request is gone. */
    private boolean consumeStop() {
        if (!stopRequested) return false;
        stopRequested = false;
        return true;
    }

    /**
     * Switches to real-time mode (see RealTime) paced to the system clock; returns the existing mode
     * if already on. There is no way back: a lab bridged to a real network stays real-time.
     */
    public RealTime enableRealTime() { return enableRealTime(WallClock.SYSTEM); }

    public RealTime enableRealTime(WallClock clock) {
        if (realTime == null) realTime = new RealTime(this, clock);
        return realTime;
    }

    /** The real-time mode, or null while the simulator runs in virtual time (the default). */
    public RealTime realTime() { return realTime; }
    public boolean isRealTime() { return realTime != null; }

    /** The next event to run at or before endNanos, or null; in real-time mode waits for it on the wall clock. */
    private Scheduled next(long endNanos) {
        if (realTime != null) return realTime.awaitNext(endNanos, () -> stopRequested, queue);
        Scheduled s = queue.peek();
        return s != null && s.at() <= endNanos ? s : null;
    }

    /** Runs until the queue is empty. Returns false if a stop was requested. */
    public boolean run() { return runUntil(Long.MAX_VALUE); }

    /** Runs every event due at or before endNanos, then leaves the clock at endNanos (if not stopped). */
    public boolean runUntil(long endNanos) {
        if (consumeStop()) return false;
        for (Scheduled s = next(endNanos); s != null; s = next(endNanos)) {
            queue.poll();
            if (s.isCancelled()) continue;
            now = s.at();
            executed++;
            s.action().run();
            if (consumeStop()) return false;
        }
        if (realTime != null && consumeStop()) return false;
        if (endNanos != Long.MAX_VALUE) now = Math.max(now, endNanos);
        return true;
    }

    public boolean runFor(long durationNanos) { return runUntil(now + durationNanos); }

    /**
     * Runs until the condition holds or timeoutNanos of virtual time pass. Returns whether the
     * condition holds. The clock stops at the event that satisfied it, not at the timeout.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNanos) {
        if (consumeStop()) return condition.getAsBoolean();
        long end = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
        while (!condition.getAsBoolean()) {
            Scheduled s = next(end);
            if (s == null) {
                if (realTime != null && consumeStop()) return condition.getAsBoolean();
                if (end != Long.MAX_VALUE) now = Math.max(now, end);
                return condition.getAsBoolean();
            }
            queue.poll();
            if (s.isCancelled()) continue;
            now = s.at();
            executed++;
            s.action().run();
            if (consumeStop()) return condition.getAsBoolean();
        }
        return true;
    }

    /** Runs until the future completes or the virtual timeout passes. */
    public boolean runUntil(CompletableFuture<?> future, long timeoutNanos) {
        return runUntil(future::isDone, timeoutNanos);
    }
}
