package io.wirelab.sim;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A discrete-event simulator on one thread with a nanosecond virtual clock. Events run in
 * (time, sequence) order, so events at equal times run in the order they were scheduled.
 */
public final class Simulator {
    /**
     * Events that may run at one virtual instant before the run fails as a zero-time livelock
     * (SimulationLivelockException). Ten million is far above any lab's burst (a broadcast flooded
     * to thousands of ports) yet is reached in seconds by a loop that never lets time advance.
     */
    public static final long DEFAULT_INSTANT_EVENT_LIMIT = 10_000_000L;

    private final EventQueue queue = new EventQueue();
    private final long seed;
    private long now;
    private long nextSeq;
    private long ranSeq = -1;   // with now: every event at an earlier time, or at now up to this sequence number, has run
    private long executed;
    private long instant = -1;
    private long eventsThisInstant;
    private long instantEventLimit = DEFAULT_INSTANT_EVENT_LIMIT;
    private volatile boolean stopRequested;
    private final BooleanSupplier stopCheck = () -> stopRequested;       // one for every wait, not one per event
    private RealTime realTime;
    private Pacer pacer;
    private final HandlerFaults faults = new HandlerFaults();

    public Simulator(long seed) { this.seed = seed; }

    public long now() { return now; }
    public long seed() { return seed; }
    public long eventsExecuted() { return executed; }
    public int pendingEvents() { return queue.size(); }

    /** Frames dropped because a device's handler threw, by device and reason. */
    public HandlerFaults faults() { return faults; }

    /** A random stream for one named component, derived from the lab seed. */
    public SimRandom random(String component) { return SimRandom.derive(seed, component); }

    public Scheduled at(long atNanos, Runnable action) { return at(atNanos, null, action); }

    /** An event with a label ("pc1: ipv4 loopback") that errors about it name. */
    public Scheduled at(long atNanos, String label, Runnable action) {
        if (atNanos < now)
            throw new IllegalArgumentException("cannot schedule in the past: " + atNanos + " < " + now);
        Scheduled s = new Scheduled(atNanos, nextSeq++, action, label, queue);
        queue.add(s);
        return s;
    }

    /**
     * Moves s to atNanos in the order a new event scheduled now would take, as cancelling it and calling
     * at() again would, without a new event: a pending s moves in the queue, one that ran or was cancelled
     * goes back in (for a Timer, the event's only holder).
     */
    void reschedule(Scheduled s, long atNanos) {
        if (atNanos < now) throw new IllegalArgumentException("cannot schedule in the past: " + atNanos + " < " + now);
        if (s.slot() >= 0) { queue.reschedule(s, atNanos, nextSeq++); return; }
        s.requeue(atNanos, nextSeq++);
        queue.add(s);
    }

    /** An event not in the queue yet, for schedule(): an EventSeries' one event. */
    Scheduled unscheduled(String label, Runnable action) { return new Scheduled(0, -1, action, label, queue); }

    /** The sequence number an event scheduled now takes, reserved for one that will be queued later (EventSeries). */
    long takeSequence() { return nextSeq++; }

    /** Whether an event at (atNanos, seq) would have run by now: the moment of a lazy EventSeries' action has passed. */
    boolean hasRun(long atNanos, long seq) { return atNanos < now || (atNanos == now && seq <= ranSeq); }

    /** Puts s, which is not in the queue, in it at (atNanos, seq): seq from takeSequence(), so it runs where it was reserved. */
    void schedule(Scheduled s, long atNanos, long seq) {
        if (atNanos < now) throw new IllegalArgumentException("cannot schedule in the past: " + atNanos + " < " + now);
        s.requeue(atNanos, seq);
        queue.add(s);
    }

    public Scheduled after(long delayNanos, Runnable action) { return after(delayNanos, null, action); }

    public Scheduled after(long delayNanos, String label, Runnable action) {
        if (delayNanos < 0) throw new IllegalArgumentException("negative delay " + delayNanos);
        return at(now + delayNanos, label, action);
    }

    public long instantEventLimit() { return instantEventLimit; }

    /** How many events may run at one virtual instant before a run fails as a livelock (see DEFAULT_INSTANT_EVENT_LIMIT). */
    public void setInstantEventLimit(long limit) {
        if (limit < 1) throw new IllegalArgumentException("the event limit per instant must be positive");
        instantEventLimit = limit;
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
        Pacer p = pacer;
        if (p != null) p.wake();
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
        if (pacer != null) throw new IllegalStateException("a paced simulator cannot switch to real time");
        if (realTime == null) realTime = new RealTime(this, queue, clock);
        return realTime;
    }

    /** The real-time mode, or null while the simulator runs in virtual time (the default). */
    public RealTime realTime() { return realTime; }
    public boolean isRealTime() { return realTime != null; }

    /**
     * Paces the runs to the wall clock at rate virtual nanoseconds per wall nanosecond (see Pacer);
     * a real-time simulator is paced by its wall clock already.
     */
    public Pacer pace(WallClock clock, double rate) {
        if (realTime != null) throw new IllegalStateException("a real-time simulator runs at the wall clock's pace");
        pacer = new Pacer(clock, rate);
        return pacer;
    }

    /** Ends pacing: runs go as fast as they can again (the console's :pace fast, and its replays). */
    public void unpace() { pacer = null; }

    /** The pace set by pace(), or null when runs go as fast as they can (or in real time). */
    public Pacer pacer() { return pacer; }

    private boolean waitsOnWallClock() { return realTime != null || pacer != null; }

    /** The next event to run at or before endNanos, or null; in real-time or paced mode waits for it on the wall clock. */
    private Scheduled next(long endNanos) {
        if (realTime != null) return realTime.awaitNext(endNanos, stopCheck);
        if (pacer != null) return pacer.awaitNext(now, endNanos, stopCheck, queue);
        Scheduled s = queue.peek();
        return s != null && s.at() <= endNanos ? s : null;
    }

    /** Runs until the queue is empty. Returns false if a stop was requested. */
    public boolean run() { return runUntil(Long.MAX_VALUE); }

    /** Runs every event due at or before endNanos, then leaves the clock at endNanos (if not stopped). */
    public boolean runUntil(long endNanos) {
        if (consumeStop()) return false;
        int ended;
        do ended = runBatch(null, endNanos); while (ended == BATCH_DONE);
        if (ended == STOPPED) return false;
        if (waitsOnWallClock() && consumeStop()) return false;
        if (endNanos != Long.MAX_VALUE) passUntil(endNanos);
        return true;
    }

    private static final int BATCH = 32;
    private static final int BATCH_DONE = 0, CONDITION_HOLDS = 1, NO_EVENT_DUE = 2, STOPPED = 3;

    /**
     * Runs up to BATCH events due by endNanos, each after checking condition (null: none); returns what
     * ended the batch. The runs' loop lives here so that the JIT compiles it after a few thousand events;
     * a loop in runUntil itself waits for on-stack replacement (C1: after 60,000 iterations), and until
     * then every event went through the interpreter.
     */
    private int runBatch(BooleanSupplier condition, long endNanos) {
        for (int k = 0; k < BATCH; k++) {
            if (condition != null && condition.getAsBoolean()) return CONDITION_HOLDS;
            Scheduled s = next(endNanos);
            if (s == null) return NO_EVENT_DUE;
            queue.poll();
            if (s.isCancelled()) continue;
            execute(s);
            if (consumeStop()) return STOPPED;
        }
        return BATCH_DONE;
    }

    /** No event is due by endNanos: the clock moves there, and everything scheduled so far at or before it counts as run. */
    private void passUntil(long endNanos) {
        now = Math.max(now, endNanos);
        if (now == endNanos) ranSeq = nextSeq - 1;
    }

    private void execute(Scheduled s) {
        if (s.at() != instant) {
            instant = s.at();
            eventsThisInstant = 0;
        }
        if (++eventsThisInstant > instantEventLimit) throw new SimulationLivelockException(s, eventsThisInstant - 1);
        now = s.at();
        ranSeq = s.seq();
        executed++;
        s.action().run();
    }

    public boolean runFor(long durationNanos) { return runUntil(now + durationNanos); }

    /**
     * Runs until the condition holds or timeoutNanos of virtual time pass. Returns whether the
     * condition holds. The clock stops at the event that satisfied it, not at the timeout.
     */
    public boolean runUntil(BooleanSupplier condition, long timeoutNanos) {
        if (consumeStop()) return condition.getAsBoolean();
        long end = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
        int ended;
        do ended = runBatch(condition, end); while (ended == BATCH_DONE);
        if (ended == CONDITION_HOLDS) return true;
        if (ended == NO_EVENT_DUE) {
            if (waitsOnWallClock() && consumeStop()) return condition.getAsBoolean();
            if (end != Long.MAX_VALUE) passUntil(end);
        }
        return condition.getAsBoolean();
    }

    /** Runs until the future completes or the virtual timeout passes. */
    public boolean runUntil(CompletableFuture<?> future, long timeoutNanos) {
        return runUntil(future::isDone, timeoutNanos);
    }
}
