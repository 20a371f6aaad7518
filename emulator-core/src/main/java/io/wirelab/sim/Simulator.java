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

    /** Asks the running loop to return after the current event (used by interrupts in the console). */
    public void requestStop() { stopRequested = true; }

    /** Runs until the queue is empty. Returns false if a stop was requested. */
    public boolean run() { return runUntil(Long.MAX_VALUE); }

    /** Runs every event due at or before endNanos, then leaves the clock at endNanos (if not stopped). */
    public boolean runUntil(long endNanos) {
        stopRequested = false;
        for (Scheduled s = queue.peek(); s != null && s.at() <= endNanos; s = queue.peek()) {
            queue.poll();
            if (s.isCancelled()) continue;
            now = s.at();
            executed++;
            s.action().run();
            if (stopRequested) return false;
        }
        if (endNanos != Long.MAX_VALUE) now = Math.max(now, endNanos);
        return true;
    }

    public boolean runFor(long durationNanos) { return runUntil(now + durationNanos); }

    /**
     * Runs until the condition holds or timeoutNanos of virtual time pass. Returns whether the
     * condition holds. The clock stops at the event that satisfied it, not at the timeout.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNanos) {
        stopRequested = false;
        long end = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
        while (!condition.getAsBoolean()) {
            Scheduled s = queue.peek();
            if (s == null || s.at() > end) {
                if (end != Long.MAX_VALUE) now = Math.max(now, end);
                return condition.getAsBoolean();
            }
            queue.poll();
            if (s.isCancelled()) continue;
            now = s.at();
            executed++;
            s.action().run();
            if (stopRequested) return condition.getAsBoolean();
        }
        return true;
    }

    /** Runs until the future completes or the virtual timeout passes. */
    public boolean runUntil(CompletableFuture<?> future, long timeoutNanos) {
        return runUntil(future::isDone, timeoutNanos);
    }
}
